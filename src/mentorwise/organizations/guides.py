"""The guidance we ship with every new organization. Administrators can edit their copy.

Each entry is kind -> (title, Markdown body). The texts speak of the program's defaults (two
mentors at a time, reminders after a week, requests that lapse after two weeks, a two-month
window to find a partner); where a program changes a setting, its program page says so.
"""

MENTOR_TIPS = """\
Thank you for giving your time. A good mentor does not need all the answers; what helps most is
attention, honesty and steady interest in the other person's progress.

## What a mentor does

- **Creates a safe space.** Your mentee should be able to say "I don't know" or "I got this
  wrong" without worrying how it will look.
- **Helps shape the goals, then keeps them in view.** The goals belong to your mentee. Your job
  is to help make them concrete and to bring the conversation back to them when it drifts.
- **Gives honest, useful feedback** on the questions your mentee brings and on their progress.
- **Shares experience, including the detours.** The story of a project that went wrong often
  teaches more than a list of successes.
- **Keeps the boundaries clear**, so that both of you know what the mentorship covers.

## What a mentor does not do

- Take over. You advise; your mentee decides and acts.
- Find your mentee a job, or become their sponsor by default. Recommending someone for a role
  or a project is a separate decision you may make later, if and when you are confident in their
  work. Nobody should expect it at the start.
- Act as a therapist, a manager or a lawyer. When a question needs one, say so kindly and help
  your mentee find the right person.

## Your first meeting

Read your mentee's answers to the 15 Questions beforehand; they become visible to you once the
mentorship is established. Then use the first hour to get to know each other and agree on the
practical things:

1. How often and how long you will meet (for example 30 minutes weekly, an hour every two weeks,
   or one longer session a month) and on which channel.
2. Who sends the invitations, and how to reach each other in between.
3. What stays confidential, and which topics are in and out of bounds.
4. A first draft of the goals, to be finished within the first month.

## Listening

Ask open questions ("What would a good outcome look like?") and let silences run a little
longer than feels natural. Before offering advice, check that you have understood: summarize what
you heard and ask whether you got it right. Often your mentee finds their own answer while
explaining the problem to you.

## Giving feedback

Be specific and timely, and talk about the work, not the person: "The first two minutes of
your reel show your strongest shots" is more useful than "It's good". Ask first whether your
mentee wants feedback on something, and balance what works with what to change next. Invite
feedback on your mentoring too.

## Boundaries and confidentiality

What your mentee tells you stays between the two of you unless you have agreed otherwise. Your
program's administrators see that meetings happened and how long they lasted, never what was
said. The one exception is a risk of serious harm; if you are ever unsure, talk to the program
administrators without sharing more than is needed.

Mentors normally sit outside their mentee's team and reporting line. If you discover a conflict
of interest, raise it early.

## Ending well

Mentorships have an end date. In the last month, look back together at the goals, name what
changed, and talk about what comes next. Record the ending as completed when the goals were met;
an early ending is fine too, and better than a mentorship that quietly fades. Ending frees your
place for someone else, and nothing stops the two of you from staying in touch.

## Activity library

Ideas to draw on when a session needs a shape:

- **Portfolio or reel review**: go through recent work shot by shot and agree on one change.
- **Shadowing**: invite your mentee to observe a review, a pitch or a planning meeting, then
  debrief together.
- **Role play**: rehearse a salary conversation, a client pitch or a difficult piece of feedback.
- **Career map**: sketch the paths from where your mentee is to where they want to be, with
  the skills each step needs.
- **Reading or watching together**: pick an article, talk or film breakdown and discuss it.
- **Network introduction**: introduce your mentee to one person who can answer a question you
  cannot.
- **Reflection round**: each of you names one thing learned since the last meeting.
"""

MENTEE_TIPS = """\
A mentorship is yours to steer. Your mentor brings experience and perspective; you bring the
questions, the goals and the energy that keeps things moving. The more you put in, the more
you will get back.

## Drive the relationship

- **Take the first step.** After your request is accepted, write to your mentor within a few
  days to propose a first meeting.
- **Own the calendar.** Suggest times, send the invitations and reschedule promptly when you
  must.
- **Say what you need.** If the conversation is not helping, tell your mentor; they would rather
  adjust than guess.
- **Respect their time.** Arrive on time, keep to the length you agreed and follow up on what
  you promised.

## Before the first meeting

Answer the 15 Questions on your profile. Your mentor can read your answers once the mentorship is
established, and you can read theirs: treat both sets as the pre-read for your first
conversation. They save the two of you a lot of small talk and show where to begin.

Then agree, in that first meeting, on:

1. **Schedule**: how often and for how long. A common rhythm is two hours a month, as 30 minutes
   each week, an hour every two weeks or one longer session.
2. **Channel and place**: video, phone or in person, and who sends the invitation.
3. **Confidentiality**: what stays between you, and what either of you may share.
4. **Topics in and out of bounds**: for example, whether you will talk about your current
   employer, salaries or personal matters.
5. **Goals**: a first draft now, finished within the first month (see *Setting SMART goals*).

## Prepare each session

Ten minutes of preparation make the hour count. Before each meeting, write down:

- what you did since last time and how your goals are moving;
- the one or two questions you most want help with;
- anything you would like your mentor to look at in advance, sent a day or two early.

After the meeting, note the advice you want to act on and the next steps you agreed.

## Log your meetings

Record each meeting briefly in your mentorship: the date, how long it was and a line or two
about what you covered. The notes are private to the two of you; your program's administrators
only see that a meeting took place and its length. The log helps you see your progress and gives
you material for the review at the end.

## Receive feedback well

Ask for feedback, and listen to the end before answering. You do not have to agree with
everything; thank your mentor, think it over, and come back with questions. Tell your mentor
what works for you too.

## When something is not working

If meetings keep slipping or the fit is wrong, say so honestly and kindly. You can end a
mentorship early; it frees your mentor for someone else and lets you look for a better match.
If you ever feel uncomfortable or unsafe, contact your program's administrators.

## Ending well

Near the end date, review your goals together: what you achieved, what you learned and what you
will work on next. Thank your mentor, then end the mentorship from *My mentorships*, choosing
*completed* if your goals were met. Ending in the tool frees your mentor's place for someone
else; whether you keep in touch afterwards is up to the two of you.
"""

GOAL_SETTING = """\
Goals give a mentorship its direction. Without them, meetings tend to become pleasant chats that
leave little behind. Your mentor can help you sharpen them, but the goals are yours: come to your
first meeting with a few ideas about what you want to explore, and agree on the final version
**within the first month**. Record them in your mentorship so that both of you can follow
progress.

A useful test is SMART. A good goal is:

## Specific

Say exactly what you want to achieve. "Get better at lighting" is a wish; "Light three shots in
different moods (day exterior, night interior, overcast) for my reel" is a goal. Ask yourself:
what exactly, and why does it matter to me?

## Measurable

Decide how you will know you have done it. A number, a finished piece of work or a decision
taken all count. "Three shots, each reviewed by my mentor" is measurable; "improve my lighting"
is not.

## Attainable

Stretch, but stay realistic about the time you have. If you can give four hours a week besides
your job, a full short film in six months is probably too much; one polished sequence is not.
Your mentor's experience is valuable here: they can tell you what a task really takes.

## Relevant

Make sure the goal serves where you want to go. If you want to move from compositing into
pipeline work, a Python tool that automates part of your daily work is relevant; a course in
character design may be fun but belongs elsewhere.

## Time-bound

Give each goal a date, and intermediate dates for bigger goals. A deadline turns an intention
into a plan and tells you when to check progress.

## Worked examples

**A 3D animator who wants to move into a lead role**

- Not yet SMART: "Become a better leader."
- SMART: "By the end of month four, run the weekly dailies for my sequence at least four times,
  asking my supervisor for written feedback after each, and discuss that feedback with my mentor."

**A technical director who wants to learn a new tool**

- Not yet SMART: "Learn USD."
- SMART: "By the end of month three, convert one of our show's asset pipelines to USD in a test
  project, document the steps in a short wiki page and present it to my team."

**A storyboard artist building a portfolio**

- Not yet SMART: "Update my portfolio."
- SMART: "By the end of month two, replace my oldest two boards with one new 30-panel sequence
  from an original script, and get notes on it from my mentor and one working story artist."

**A producer preparing to negotiate**

- Not yet SMART: "Be more confident about money."
- SMART: "Before my review in month five, research pay ranges for my role in two sources,
  rehearse the conversation twice with my mentor and write down the number I will ask for."

## How many goals?

Two or three are plenty for a mentorship of six months. More goals mean less attention for each.
A mix works well: one skill to build, one piece of work to finish and one question about your
career to think through.

## Keep them alive

- Review the goals briefly at every meeting, and mark progress in your mentorship.
- Change a goal when your situation changes; that is adjusting, not failing.
- At the end, look back at each goal together: what you achieved, what surprised you and what
  you will pursue next on your own.
"""

STAGES = """\
Most mentorships go through five stages. They overlap and sometimes repeat, for example when a
goal is reached and a new one is set, but knowing where you are helps you decide what to do
next.

## 1. Rapport building

*Usually the first two or three meetings.*

Trust comes before advice. Get to know each other as people: your paths into the work, what you
enjoy about it, how you like to communicate. Use the 15 Questions as the starting point for the
first conversation.

What to do:

- Share your answers to the 15 Questions and talk through them.
- Agree on the schedule, the channel and who sends the invitations.
- Agree on what is confidential and which topics are in and out of bounds.
- Mentors: listen more than you talk. Mentees: be open about what you hope for.

## 2. Setting direction

*Within the first month.*

Turn the mentee's hopes into a few clear goals, and agree how you will measure progress.

What to do:

- Draft two or three SMART goals (see *Setting SMART goals*) and record them in your mentorship.
- Decide what success would look like at the end date.
- Confirm your agreement: schedule, confidentiality, boundaries, goals.
- Mentors: help make the goals realistic, and say honestly what you can and cannot offer.

## 3. Progression

*The longest stage: most of the mentorship.*

This is where the work happens. The mentee tries things, reports back and learns from what
worked and what did not. Expect setbacks; they are often the most useful material.

What to do:

- Meet at the rhythm you agreed, and log each meeting briefly.
- Review progress on the goals regularly; adjust a goal when circumstances change.
- Try activities beyond conversation: a work review, shadowing, a role play, an introduction to
  someone in the mentor's network.
- Check in on the relationship itself from time to time: is this still helping?
- If you drift apart, say so early. A short, honest conversation usually gets things back on
  track.

## 4. Winding down

*The last month or two before the end date.*

Prepare for the end of the formal mentorship so that the mentee can continue on their own.

What to do:

- Look back at the goals: what was achieved, what is still open, what changed.
- Plan the mentee's next steps and the support they can draw on afterwards: peers, communities,
  courses, other mentors.
- Mentors: name the progress you have seen. Specific recognition is worth a lot.
- Mentees: tell your mentor what helped most, and what could have been better.

## 5. Moving on

*At the end date, or earlier when the goals are met.*

Close the mentorship properly, in conversation and in the tool.

What to do:

- Thank each other.
- End the mentorship from *My mentorships*: *completed* if the goals were met, *ended early*
  otherwise, with a short note on why. This frees the mentor's place for someone else.
- Answer the program's survey if one is sent; it helps improve the program for the next group.
- Decide together whether and how you will stay in touch. The program's record ends, but your
  professional relationship does not have to.

Many former mentees later become mentors themselves. If that appeals to you, let your program's
administrators know.
"""

FAQ = """\
## Getting started

**How do I get access?**
Ask your program administrator for your organization's join code (it looks like ABCD-1234). Sign
up with your name, your e-mail address, the join code and a password, then confirm your e-mail
address with the link we send you.

**I forgot my password, or cannot sign in.**
Use *Forgot your password?* on the sign-in page to receive a reset link, or ask for a one-time
sign-in code by e-mail. Both go to the address you registered with. Administrators cannot see or
reset your password, so there is no need to ask them.

**I lost the join code.**
You only need it once, to sign up. If you need it again, ask your program administrator.

## Finding a mentor

**How do I find a mentor?**
Join a program, then search and browse the mentors' profiles: by keyword, area of expertise,
language, industry, time zone, location, work mode and whether they have room for another mentee.
When you find someone who fits, send them a request with a short message about what you hope to
work on. In programs that allow it, mentors can also invite mentees.

**Is there a matching process?**
It depends on the program. In a self-service program you choose and send requests yourself. In
a selection round, mentees choose the mentors they would like and each mentor then picks among
the mentees who chose them; anyone not paired gets priority in the next round. Some programs are
matched by the administrators. The program page tells you which applies.

**How long should I wait for an answer to my request?**
Give the other person one to two weeks. After a week you can send a reminder; a request that
stays unanswered for two weeks lapses, so that you can ask someone else. Your program may set
different periods.

**Can I have more than one mentor?**
Yes, but no more than two at a time by default, so that mentors stay available for others.
Some programs set a different limit.

**How long do I have to request a mentorship?**
Two months from the moment you create your profile in a program. If you have not requested a
mentorship by then, your place is released so that someone else can take it; you will be warned
beforehand. If you are struggling to find the right person, talk to your program administrators
early.

## During the mentorship

**How often should we meet?**
That is for the two of you to decide in your first meeting, and to revisit from time to time.
Many pairs aim for about two hours a month.

**How long does a mentorship last?**
Each program sets a length: six months by default, others from a few weeks up to two years. You
can end it sooner when your goals are met. Administrators close mentorships that reach the
program's maximum, with notice.

**What should we talk about, and what not?**
Start from the 15 Questions on your profiles; your partner can read your answers once the
mentorship is established. Agree early which topics are in and out of bounds.

**Who can see what we write?**
Your goals, meeting notes, agreement and answers to the 15 Questions are visible only to the two
of you. Administrators see that meetings took place and how long they were, not their content.
Keep what your partner tells you confidential too.

## Ending

**How do I end a mentorship?**
Talk to your partner first and thank them. Then open *My mentorships*, choose *End mentorship*
and confirm. Choose *completed* if your goals were met or *ended early* if it did not work out,
and add a short reason. Ending frees the mentor's place for someone else.

**Can we still meet after the mentorship ends?**
Of course. Closing ends the program's record, not your relationship; it is up to the two of you
how you continue.

## Safety

**How do I report a concern?**
If a partner or another participant makes you uncomfortable or behaves inappropriately, contact
your program administrators, in confidence. They can pause or end a mentorship and block a
participant. If someone is in immediate danger, contact the emergency services first.
"""

DEFAULT_GUIDES: dict[str, tuple[str, str]] = {
    "mentor-tips": ("Tips for mentors", MENTOR_TIPS),
    "mentee-tips": ("Tips for mentees", MENTEE_TIPS),
    "goal-setting": ("Setting SMART goals", GOAL_SETTING),
    "stages": ("The five stages of a mentorship", STAGES),
    "faq": ("Frequently asked questions", FAQ),
}
