"""Content every new program starts with; administrators edit their own copy."""

DEFAULT_FIFTEEN_QUESTIONS = [
    "What do you hope to get out of this mentorship, in one or two sentences?",
    "What are you working on right now that you are most excited about?",
    "Which parts of your work come easily to you, and which take the most effort?",
    "Describe a challenge you faced recently and how you handled it.",
    "Where would you like to be in your career two years from now?",
    "Who has influenced the way you work, and how?",
    "How do you like to receive feedback: direct, written, with time to reflect?",
    "How do you prefer to meet (video, phone, in person) and how often?",
    "What times of the week suit you best, and in which time zone are you?",
    "What should your partner know about your background that a résumé would not show?",
    "Which skills or habits would you most like to build during the mentorship?",
    "How will we know, at the end, that this mentorship worked for you?",
    "Which topics are in bounds for us, and which would you rather keep out of bounds?",
    "What should stay confidential between us, and what may either of us share?",
    "Is there anything else you would like your partner to know before we first meet?",
]

DEFAULT_WHAT_IT_IS = (
    "A confidential partnership between two people, built on trust, in which the mentee steers "
    "the conversation toward the goals that matter most to them. Mentors share knowledge, skills "
    "and perspective; mentees drive the sessions and come prepared."
)

DEFAULT_WHAT_IT_IS_NOT = (
    "- Not a job interview or a way to get a job, in either direction.\n"
    "- Not a transfer of responsibility for the mentee's career to the mentor.\n"
    "- Not a permanent relationship: the mentorship has a start and an end date.\n"
    "- Not a public resource: what is said stays between the two of you."
)
