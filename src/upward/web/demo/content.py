"""Realistic building blocks for the demo organisation (a fictional UK employer).

No lorem ipsum: every sentence is something a member of a social-mobility
network could plausibly write. Later features add their own material here.
"""

ORGANISATION = "Northbridge Group"
DOMAIN = "northbridge.example"

LOCATIONS = [
    "Leeds", "Manchester", "Glasgow", "Cardiff", "Belfast", "London", "Birmingham",
    "Newcastle upon Tyne", "Bristol", "Sunderland", "Liverpool", "Nottingham", "Swansea",
    "Edinburgh", "Hull", "Remote (Cornwall)",
]

# Career paths inside the organisation, each from an entry role upwards.
CAREER_PATHS: dict[str, list[str]] = {
    "Customer Operations": ["Call centre agent", "Customer service team leader",
                            "Contact centre manager", "Head of customer experience"],
    "Finance": ["Finance apprentice", "Assistant accountant", "Management accountant",
                "Finance business partner"],
    "Technology": ["IT service desk analyst", "Junior software developer", "Software engineer",
                   "Senior software engineer", "Engineering manager"],
    "Data & Analytics": ["Data apprentice", "Data analyst", "Senior data analyst",
                         "Head of analytics"],
    "People": ["HR administrator", "HR adviser", "HR business partner", "Head of talent"],
    "Legal": ["Legal secretary", "Paralegal", "Trainee solicitor", "Solicitor",
              "Senior associate"],
    "Marketing": ["Marketing assistant", "Marketing executive", "Brand manager",
                  "Marketing director"],
    "Risk & Compliance": ["Compliance assistant", "Risk analyst", "Risk manager",
                          "Chief risk officer"],
    "Logistics": ["Warehouse operative", "Shift supervisor", "Operations manager",
                  "Regional operations director"],
}
TEAMS = list(CAREER_PATHS)
CURRENT_TITLES = [title for path in CAREER_PATHS.values() for title in path]

# Jobs people held before joining.
EARLIER_JOBS = [
    ("Sales assistant", "a high-street clothes shop"),
    ("Checkout operator", "a supermarket"),
    ("Kitchen porter", "a hotel restaurant"),
    ("Care assistant", "a residential care home"),
    ("Waiter", "a family-run café"),
    ("Warehouse picker", "a distribution centre"),
    ("Bar staff", "a local pub"),
    ("Apprentice electrician", "a building contractor"),
    ("Teaching assistant", "a primary school"),
    ("Delivery driver", "a parcel courier"),
    ("Cleaner", "an office cleaning company"),
    ("Trainee hairdresser", "a salon"),
    ("Soldier", "the British Army"),
    ("Receptionist", "a GP surgery"),
]

ORIGINS = [
    "I grew up on an estate in {place}, the youngest of four.",
    "I was the first person in my family to go to university.",
    "I left school at sixteen and went straight into work.",
    "I grew up in {place}; my mum was a cleaner and my dad drove buses.",
    "I was on free school meals all the way through secondary school.",
    "English is my second language — my family moved to {place} when I was nine.",
    "I spent part of my childhood in foster care.",
    "Nobody I knew growing up worked in an office.",
    "My parents ran a corner shop, and I worked behind the counter from the age of twelve.",
    "I grew up in a former mining town where the jobs had gone.",
]
CHALLENGES = [
    "I didn't know what a graduate scheme was until my final year.",
    "The first year I felt like everyone else knew unwritten rules I'd never been told.",
    "I worked nights through my degree to pay the rent.",
    "I failed my maths GCSE the first time and had to resit it while working.",
    "Networking events terrified me — I didn't know how to talk about myself.",
    "I was the only person on my intake who hadn't done an unpaid internship.",
    "I nearly turned down the job because I couldn't afford the move.",
    "For years I hid my accent in meetings.",
]
TURNING_POINTS = [
    "An apprenticeship here gave me a way in without a degree.",
    "A manager who took the time to explain how promotions actually work changed everything.",
    "A mentor through this network helped me apply for my first management role.",
    "Going back to study part-time in my thirties opened doors I thought were shut.",
    "Moving into the data team through an internal secondment was my big break.",
    "A school talk from someone with a background like mine made me believe it was possible.",
]
NOW = [
    "These days I lead a team of {n}, and I try to be the manager I needed.",
    "Now I help run our apprenticeship intake.",
    "I now sit on the network's steering group.",
    "Today I mentor two colleagues who are where I was five years ago.",
    "I still volunteer at my old school once a term.",
    "I'm now studying for a professional qualification, paid for by the firm.",
]

TOPICS = [
    "apprenticeships", "first-generation university", "career changes", "returning to work",
    "imposter syndrome", "moving into data", "professional qualifications", "managing people",
    "part-time study", "working while studying", "interview practice", "CV reviews",
    "getting promoted", "moving cities for work", "accents at work", "school outreach",
    "care experience", "neurodiversity", "money conversations", "networking without a network",
]
PRONOUNS = ["", "", "", "she/her", "he/him", "they/them", "she/they", "he/they"]
