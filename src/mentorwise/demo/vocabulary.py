"""Word lists for the demo data: places, disciplines, skills and phrases from animation, visual
effects, games and production. Plain data, no Django."""

# (city, country, IANA time zone, Faker locale for names, languages spoken besides English)
PLACES = [
    ("Burbank", "United States", "America/Los_Angeles", "en_US", ["Spanish"]),
    ("Los Angeles", "United States", "America/Los_Angeles", "en_US", ["Spanish", "Korean"]),
    ("San Francisco", "United States", "America/Los_Angeles", "en_US", ["Mandarin"]),
    ("Seattle", "United States", "America/Los_Angeles", "en_US", []),
    ("Austin", "United States", "America/Chicago", "en_US", ["Spanish"]),
    ("Atlanta", "United States", "America/New_York", "en_US", []),
    ("New York", "United States", "America/New_York", "en_US", ["Spanish", "Italian"]),
    ("Vancouver", "Canada", "America/Vancouver", "en_CA", ["French", "Cantonese"]),
    ("Montreal", "Canada", "America/Toronto", "fr_CA", ["French"]),
    ("Toronto", "Canada", "America/Toronto", "en_CA", ["French"]),
    ("Mexico City", "Mexico", "America/Mexico_City", "es_MX", ["Spanish"]),
    ("Bogotá", "Colombia", "America/Bogota", "es_CO", ["Spanish"]),
    ("São Paulo", "Brazil", "America/Sao_Paulo", "pt_BR", ["Portuguese", "Spanish"]),
    ("Buenos Aires", "Argentina", "America/Argentina/Buenos_Aires", "es_AR", ["Spanish"]),
    ("London", "United Kingdom", "Europe/London", "en_GB", ["French"]),
    ("Bristol", "United Kingdom", "Europe/London", "en_GB", []),
    ("Dublin", "Ireland", "Europe/Dublin", "en_IE", ["Irish"]),
    ("Paris", "France", "Europe/Paris", "fr_FR", ["French"]),
    ("Angoulême", "France", "Europe/Paris", "fr_FR", ["French"]),
    ("Lyon", "France", "Europe/Paris", "fr_FR", ["French", "Italian"]),
    ("Madrid", "Spain", "Europe/Madrid", "es_ES", ["Spanish"]),
    ("Barcelona", "Spain", "Europe/Madrid", "es_ES", ["Spanish", "Catalan"]),
    ("Berlin", "Germany", "Europe/Berlin", "de_DE", ["German"]),
    ("Stuttgart", "Germany", "Europe/Berlin", "de_DE", ["German"]),
    ("Amsterdam", "Netherlands", "Europe/Amsterdam", "nl_NL", ["Dutch", "German"]),
    ("Copenhagen", "Denmark", "Europe/Copenhagen", "da_DK", ["Danish"]),
    ("Stockholm", "Sweden", "Europe/Stockholm", "sv_SE", ["Swedish"]),
    ("Warsaw", "Poland", "Europe/Warsaw", "pl_PL", ["Polish"]),
    ("Rome", "Italy", "Europe/Rome", "it_IT", ["Italian"]),
    ("Lagos", "Nigeria", "Africa/Lagos", "yo_NG", ["Yoruba"]),
    ("Cape Town", "South Africa", "Africa/Johannesburg", "zu_ZA", ["Zulu", "Afrikaans"]),
    ("Mumbai", "India", "Asia/Kolkata", "en_IN", ["Hindi", "Marathi"]),
    ("Bengaluru", "India", "Asia/Kolkata", "en_IN", ["Hindi", "Kannada"]),
    ("Manila", "Philippines", "Asia/Manila", "en_PH", ["Filipino"]),
    ("Jakarta", "Indonesia", "Asia/Jakarta", "id_ID", ["Indonesian"]),
    ("Tokyo", "Japan", "Asia/Tokyo", "ja_JP", ["Japanese"]),
    ("Sydney", "Australia", "Australia/Sydney", "en_AU", []),
    ("Melbourne", "Australia", "Australia/Melbourne", "en_AU", []),
    ("Wellington", "New Zealand", "Pacific/Auckland", "en_NZ", ["Māori"]),
]

INDUSTRIES = [
    ("Animation", 5),
    ("Visual effects", 3),
    ("Games", 3),
    ("Live-action production", 1),
    ("Advertising", 1),
    ("Education", 1),
]

# discipline -> (department name, job titles by seniority, core skills)
DISCIPLINES = {
    "Story": (
        "Story",
        ["Story apprentice", "Story artist", "Senior story artist", "Head of story"],
        ["Storyboarding", "Story development", "Pitching", "Screenwriting", "Editorial"],
    ),
    "Animation": (
        "Animation",
        ["Junior animator", "Animator", "Senior animator", "Animation supervisor"],
        ["Character animation", "3D animation", "2D animation", "Acting for animation", "Maya"],
    ),
    "Art & design": (
        "Art",
        [
            "Junior visual development artist",
            "Concept artist",
            "Production designer",
            "Art director",
        ],
        [
            "Visual development",
            "Concept art",
            "Character design",
            "Color scripting",
            "Art direction",
        ],
    ),
    "Modeling & surfacing": (
        "Assets",
        ["Junior modeler", "Modeler", "Senior surfacing artist", "Asset supervisor"],
        ["Modeling", "Sculpting", "Texturing", "Shading", "Substance Painter"],
    ),
    "Rigging": (
        "Rigging",
        ["Rigging TD", "Character TD", "Senior character TD", "Rigging supervisor"],
        ["Rigging", "Character setup", "Python", "Maya", "Deformation"],
    ),
    "Lighting & compositing": (
        "Lighting",
        ["Lighting artist", "Compositor", "Senior lighting TD", "Lighting supervisor"],
        ["Lighting", "Compositing", "Nuke", "Color theory", "Rendering"],
    ),
    "FX": (
        "FX",
        ["FX artist", "FX TD", "Senior FX TD", "FX supervisor"],
        ["FX simulation", "Houdini", "VEX", "Procedural modeling", "Destruction"],
    ),
    "Technical & pipeline": (
        "Pipeline",
        ["Pipeline developer", "Pipeline TD", "Senior software engineer", "Head of pipeline"],
        ["Pipeline development", "Python", "USD", "Render farm management", "Tool design"],
    ),
    "Games": (
        "Game development",
        ["Junior technical artist", "Game designer", "Lead level designer", "Creative director"],
        ["Unreal Engine", "Unity", "Game design", "Level design", "Technical art"],
    ),
    "Production": (
        "Production",
        ["Production assistant", "Production coordinator", "Production manager", "Producer"],
        [
            "Production management",
            "Scheduling",
            "Budgeting",
            "Team leadership",
            "Vendor management",
        ],
    ),
}

GENERAL_TOPICS = [
    "Portfolio reviews",
    "Career change",
    "Freelancing",
    "Negotiation",
    "Public speaking",
    "Leadership",
    "Giving feedback",
    "Remote collaboration",
    "Blender",
    "Stop motion",
    "Motion capture",
    "Virtual production",
    "Real-time rendering",
    "Short film making",
    "Festival submissions",
    "Work-life balance",
    "Returning to work",
    "Managing up",
    "Building a reel",
    "Studio culture",
    "Hiring and interviewing",
    "Personal branding",
    "Networking",
    "Teaching",
    "Accessibility in games",
    "Diversity and inclusion",
]

STUDIO_FIRST = [
    "Paper",
    "Blue",
    "Northern",
    "Lantern",
    "Copper",
    "Little",
    "Bright",
    "Quiet",
    "Wild",
    "Silver",
    "Orchard",
    "Harbor",
    "Red",
    "Moonlit",
    "Hidden",
    "Salt",
    "Velvet",
    "Atlas",
]
STUDIO_SECOND = [
    "Fox",
    "Crane",
    "Owl",
    "Kite",
    "Lantern",
    "Harbor",
    "Comet",
    "Pine",
    "Moth",
    "Otter",
    "Wave",
    "Tortoise",
    "Pixel",
    "Thread",
    "Sparrow",
    "Whale",
]
STUDIO_SUFFIX = {
    "Animation": ["Animation", "Studios", "Pictures", "Animation Studio"],
    "Visual effects": ["VFX", "Visual Effects", "Digital"],
    "Games": ["Games", "Interactive", "Game Studio"],
    "Live-action production": ["Films", "Productions", "Pictures"],
    "Advertising": ["Creative", "Agency", "Content"],
    "Education": ["Academy", "School of Animation", "Institute"],
}

AVAILABILITY = [
    "Two evenings a month",
    "Weekday lunchtimes",
    "One hour every other week",
    "Early mornings before the studio opens",
    "Friday afternoons",
    "Flexible, best on Tuesdays and Thursdays",
    "Weekends, by arrangement",
    "Thirty minutes a week",
    "Once a month, a longer session",
    "Evenings in my time zone",
]

MENTOR_BIO_OPENERS = [
    "I have spent {years} years in {industry_lower}, most recently as {title_article} at {studio}.",
    "{title} at {studio}, with {years} years behind me in {industry_lower}.",
    "I started as a {first_title_lower} and worked my way to {title_lower} over {years} years.",
    "After {years} years in {industry_lower}, I now lead {department_lower} work at {studio}.",
]
MENTOR_BIO_MIDDLES = [
    "I love helping people find their own voice in {skill_a_lower} and {skill_b_lower}.",
    "Most of my days are about {skill_a_lower}, and lately a lot of {skill_b_lower} too.",
    "I have hired and trained many juniors and enjoy watching them grow.",
    "I moved countries twice for work and am happy to talk about working abroad.",
    "I freelanced for several years before joining a studio, so I know both sides.",
    "I care about healthy studios and sustainable schedules.",
]
MENTOR_BIO_CLOSERS = [
    "Happy to review reels and portfolios, talk through career moves, or just listen.",
    "I mentor because someone once did it for me.",
    "Bring your questions, your work in progress and your doubts.",
    "I can help most with {skill_a_lower}, studio life and planning your next step.",
]

MENTEE_HEADLINES = [
    "{title} at {studio}",
    "Aspiring {title_lower}",
    "{title} looking to grow into {next_title_lower}",
    "Recent graduate interested in {skill_a_lower}",
    "{title}, freelance",
    "Switching from {industry_lower} into {skill_a_lower}",
]

MENTEE_GOALS = [
    "Build a reel that shows my {skill_a_lower} and land a role as {next_title_article}.",
    "Get better at {skill_a_lower} and learn how senior people give and take feedback.",
    "Understand how to move from {title_lower} to {next_title_lower} in the next two years.",
    "Finish a personal short and learn how to pitch it to festivals and studios.",
    "Learn {skill_b_lower} properly and decide whether to specialise in it.",
    "Grow my confidence in reviews and in negotiating my first contract.",
    "Find a sustainable way to freelance in {industry_lower} without burning out.",
    "Prepare for my first lead role: planning, delegating and supporting a small team.",
]

MENTEE_BIOS = [
    "I have been working in {industry_lower} for {years_text} and love {skill_a_lower}.",
    "I studied animation and now work as {title_article} in {city}.",
    "I came to {industry_lower} from another career and am still finding my place.",
    "Currently {title_lower} at {studio}; in my free time I make small personal films.",
    "I am a self-taught artist and would value the view of someone who has been there.",
]

LEARN_ANSWERS = [
    "How to give my {skill_a_lower} work a stronger point of view.",
    "How studios really work, and how to plan the next step of my career.",
    "{skill_b} at a professional level, and how to show it in my reel.",
    "How to handle notes and critique without losing confidence.",
    "How to lead a small team and keep a schedule realistic.",
]
MENTOR_REASONS = [
    "I want to give back to the community that helped me.",
    "I enjoy teaching and learn a lot from the questions juniors ask.",
    "I would like to help more people from under-represented backgrounds into the industry.",
    "Mentoring keeps me curious about new tools and new ways of working.",
]

# One answer template per default question of the 15 Questions (programs.defaults).
FIFTEEN_ANSWERS = [
    "I hope to {goal_lower}",
    "Right now I am working on {skill_a_lower} for a project I really care about.",
    "{skill_a} comes naturally; {skill_b_lower} takes me the most effort.",
    "A tight deadline on my last project; I split the work into daily goals and asked for help "
    "earlier than usual.",
    "In two years I would like to be working as {next_title_article}.",
    "A supervisor who always explained the why behind her notes.",
    "Direct, ideally with an example. I like a day to think before I answer.",
    "Video calls suit me best, every two weeks.",
    "{availability}, {time_zone} time.",
    "I worked in another field before {industry_lower}, which shapes how I approach problems.",
    "{skill_b} and the habit of sharing work earlier.",
    "If I can point to one finished piece of work and one decision I made with more confidence.",
    "Anything about craft and career is in bounds; my current employer's confidential projects "
    "are out of bounds.",
    "What we discuss stays between us unless we agree otherwise; either of us may mention that "
    "we work together.",
    "I am a little nervous about this and very glad to be here.",
]

MENTOR_FIFTEEN_ANSWERS = [
    "To help someone take their next step with a little less guesswork than I had.",
    "A {skill_a_lower} project at {studio} that is stretching the whole team.",
    "{skill_a} comes easily after {years} years; saying no to extra work still takes effort.",
    "A production that ran late; we cut scope together with the director and shipped on time.",
    "Still making things, and spending more of my time growing other people.",
    "My first supervisor, who taught me to show work early and often.",
    "Direct and kind, in conversation first and in writing afterwards.",
    "Video or phone is fine; every two weeks works well for me.",
    "{availability}, {time_zone} time.",
    "I nearly left the industry early on; I know how lonely the first years can be.",
    "I would like to get better at listening before I advise.",
    "When my mentee can make the next decision without me.",
    "Craft, career, studio life and negotiation are in bounds; gossip about named people is not.",
    "Everything stays between us, unless we agree that something may be shared.",
    "Please tell me when my advice is not useful; I will not be offended.",
]
