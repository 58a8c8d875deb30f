"""Text for the load benchmark's seeded community: its own small lists, so that the benchmark
does not depend on the demo's content (which changes with the demo). Every search term the
benchmark queries (``SEARCH_TERMS`` in community_load.py) appears in some of it."""

PLACES = ["Grimsby", "Merthyr", "Wigan", "Hull", "Dundee", "Oldham", "Barnsley", "Swansea",
          "Stoke", "Sunderland", "Blackburn", "Luton"]

STARTED = [
    "I grew up in {place}, the first in my family to stay on after sixteen.",
    "In {place} most of my friends left school at sixteen; I had free school meals until "
    "sixth form.",
    "My mum cleaned offices in {place} and I was a young carer for my nan from about {n}.",
    "I left {place} for an apprenticeship at seventeen and did night school for years.",
    "Nobody I knew in {place} had been to university, and my accent gave that away at every "
    "panel interview.",
]
HARD = [
    "The hardest part was the imposter feeling in my first graduate scheme.",
    "Money: I worked weekends in a shop while studying, and had no study leave.",
    "People assumed things from my accent before I had said anything useful.",
    "Nobody explained how promotion worked, or that you could ask for a secondment.",
    "Being a young carer meant I missed the after-school things that look good on a CV.",
]
TURNING = [
    "A manager who became my mentor told me to apply for the promotion anyway.",
    "A secondment into finance showed me what the senior roles involved.",
    "Passing my CIPD exams at night school changed how people saw me, and how I saw myself.",
    "An apprenticeship gave me a wage and a qualification at the same time.",
    "Someone from a background like mine said yes to a coffee and then to mentoring me.",
]
NOW = [
    "Today I am a {title} in {team}, and I mentor two apprentices.",
    "I lead the {team} team now, and I sit on panel interviews so that accents are not "
    "marked down.",
    "I am a {title}; I still use what night school taught me about learning fast.",
    "I run our graduate scheme's intake and push for study leave for every apprentice.",
]
ADVICE = [
    "Ask how promotion really works: the rules are rarely written down.",
    "Find a mentor early; most people say yes.",
    "Your accent is not a weakness. Say what you know.",
    "Apply for the secondment even if you meet half the criteria.",
    "Study leave exists: ask for it in writing.",
]
TITLES = ["From the shop floor to the board room", "The apprenticeship that changed my life",
          "Night school, day job", "First in my family", "What my accent taught me",
          "A young carer's route into work", "Free school meals and a graduate scheme",
          "The promotion I nearly did not apply for"]

THREADS = [
    ("mentoring", "Looking for a mentor in finance", "Has anyone found a mentor through the "
     "network? I am after someone who came through an apprenticeship.", "question"),
    ("promotion", "How does promotion to grade 6 work?", "The criteria for promotion seem to "
     "be unwritten. What did your panel interview look like?", "question"),
    ("study", "Study leave for CIPD", "Did anyone get study leave for CIPD exams? How did you "
     "ask?", "question"),
    ("secondment", "Secondments: worth it?", "Thinking about a secondment into operations. Any "
     "stories, good or bad?", "discussion"),
    ("accent", "Accent and interviews", "Has your accent ever come up at an interview? How did "
     "you handle it?", "discussion"),
    ("graduate", "Graduate scheme without a degree?", "Is there a route into the graduate "
     "scheme for people who came in as apprentices?", "question"),
]
COMMENTS = [
    "Thank you for sharing this; the night school part is my story too.",
    "The imposter feeling never quite goes, but it gets quieter.",
    "I had free school meals as well. It is good to read this here.",
    "Your mentor sounds brilliant. Mine pushed me to apply for promotion.",
    "Grimsby represent! Lovely to see this.",
    "This is why the apprenticeship route matters so much.",
]
REPLIES = [
    "I asked my line manager in writing and got study leave for every exam.",
    "A secondment was the best thing I did; ask for one with a clear end date.",
    "Happy to mentor: send me a message.",
    "My panel interview was three people and a presentation; the accent never came up.",
    "The graduate scheme takes internal applicants now, apprentices included.",
    "Talk to the network lead; they know how promotion works here.",
]
