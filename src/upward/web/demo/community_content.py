"""Words for the demo community: the stories, discussions, comments and replies a
social-mobility network in a UK employer could plausibly hold. No lorem ipsum.

How the parts fit together (see ``community_seed``):

* A story is one person's account. Each story picks a *background* (free school
  meals, first in family at university, an apprenticeship, care experience, …)
  and a *life*: a home town, who brought them up and what that person did for a
  living, a mentor's first name, a university and subject, an earlier job. Every
  sentence of the story is drawn from that background's own pools (or from
  shared pools that fit any background) and filled from that one life, so the
  parts of a story agree with each other.
* Pools are dealt like cards — every entry once before any entry twice — so a
  sentence turns up in two or three stories out of a few hundred, each time in
  a different life.
* A fragment may be a pair ``(text, echo)``: ``echo`` is a comment that answers
  that very fragment, used only on a story that contains it. Likewise a title
  written ``"needle|Title"`` is used only for a story whose text contains
  ``needle`` (after filling in), so a title never promises what the story lacks.
* Comments and replies are written per background or per discussion. Lines that
  name the author or offer to meet (``COMMENTS_NAMED``, a thread's ``offers``)
  go only on named posts: an anonymous author cannot be asked for a coffee.

Placeholders: ``{place}`` home town; ``{carer}`` who brought them up ("my nan"),
``{job}`` what that person did ("as a hospital porter"); ``{siblings}``;
``{mentor}`` a first name; ``{uni}``, ``{subject}``; ``{first_job}`` an earlier
job ("a checkout operator at a supermarket"); ``{old_career}`` ("hospitality");
``{service}`` ("the RAF"); ``{country}``, ``{language}``, ``{arrival_age}``;
``{age}``; ``{cared}`` the relative a young carer looked after; ``{qual}`` a
professional qualification. Named stories also get ``{title_a}`` ("a data
analyst"), ``{team}``, ``{in_team}`` (" in Finance", or nothing when the job title
already says it), ``{join_role_a}``, ``{join_year}``, ``{n}``, ``{org}``.
A capitalised placeholder (``{Carer}``) is the same value with a capital letter.
"""

from __future__ import annotations

from dataclasses import dataclass

# A fragment is a text, or (text, a comment that answers that text).
Fragment = str | tuple[str, str]

# --- the slots of a life ---------------------------------------------------------------------

PLACES = [
    "Hull", "Grimsby", "Merthyr Tydfil", "Blackpool", "Middlesbrough", "Stoke-on-Trent",
    "Barrow-in-Furness", "Oldham", "Sunderland", "Rhyl", "Great Yarmouth", "Dundee",
    "Wigan", "Mansfield", "Jaywick", "Derry", "Bradford", "Clacton", "Barnsley",
    "the Isle of Sheppey", "Tower Hamlets", "Knowsley", "Wolverhampton", "Port Talbot",
    "Hartlepool", "Rochdale", "Redcar", "Ebbw Vale", "Kilmarnock", "Doncaster", "Walsall",
    "Burnley", "Skegness", "Margate", "Workington", "Peterborough", "Coatbridge", "Newry",
    "Luton", "Rotherham", "Ashington", "Bootle", "Corby", "Grangemouth", "Llanelli",
    "Thetford", "Torquay", "Pontypridd", "Scunthorpe", "Gateshead", "Nelson", "Sandwell",
]
CARERS = ["my mum", "my mum", "my dad", "my nan", "my stepdad", "my auntie", "my grandad"]
PARENT_WORK = [
    "as a cleaner at the hospital", "as a dinner lady", "nights in a biscuit factory",
    "on the tills at the Co-op", "as a care worker", "as a taxi driver",
    "shifts at the chicken factory", "as a school cleaner", "on the buses",
    "as a hospital porter", "in a call centre", "as a carpet fitter",
    "as a security guard on nights", "in a bakery from four in the morning",
    "as a machinist in a clothing factory", "behind the bar at the social club",
    "as a postie", "as a kitchen assistant in a care home", "on a building site",
    "as a lollipop lady and then as a cleaner", "in a warehouse on the industrial estate",
    "as a delivery driver", "as a hairdresser from our front room",
]
SIBLINGS = [
    "my two brothers", "my little sister", "three younger sisters", "my older brother",
    "my twin brother", "two half-sisters", "my big sister and her baby",
    "my younger brother", "my two little brothers",
]
MENTORS = [
    "Sandra", "Dev", "Marian", "Gareth", "Bola", "Fiona", "Kwame", "Helen", "Rob", "Aggie",
    "Imran", "Siobhan", "Terry", "Nadia", "Owen", "Lorraine", "Tunde", "Carol", "Mo",
    "Bernadette", "Jas", "Eileen", "Wayne", "Priti", "Hamish", "Denise",
]
UNIS = ["Sheffield", "Leeds", "Nottingham", "Cardiff", "Newcastle", "Liverpool", "Aberdeen",
        "Leicester", "Hull", "Salford", "Swansea", "Glasgow", "Bangor", "Lancaster",
        "Coventry", "Plymouth", "Ulster", "Stirling"]
SUBJECTS = ["history", "biology", "law", "economics", "English", "chemistry", "geography",
            "sociology", "maths", "politics", "psychology", "accounting", "computer science",
            "criminology", "French and Spanish"]
EARLIER_WORK = [
    "a checkout operator at a supermarket", "a kitchen porter in a hotel",
    "a care assistant in a residential home", "a sales assistant in a clothes shop",
    "a warehouse picker", "a waiter in a family-run café", "a receptionist at a GP surgery",
    "a delivery driver", "an office cleaner", "a trainee hairdresser",
    "a bar worker in a local pub", "a teaching assistant", "a night-shift shelf stacker",
    "a call handler for a parcel company", "a nursery assistant",
]
OLD_CAREERS = ["hospitality", "retail", "nursing", "teaching", "hairdressing", "social care",
               "the police", "construction", "catering", "childcare", "the ambulance service"]
SERVICES = ["the army", "the Royal Navy", "the RAF"]
COUNTRIES = [
    ("Poland", "Polish"), ("Nigeria", "Yoruba"), ("Bangladesh", "Sylheti"),
    ("Romania", "Romanian"), ("Lithuania", "Lithuanian"), ("Somalia", "Somali"),
    ("Pakistan", "Urdu"), ("Portugal", "Portuguese"), ("Syria", "Arabic"),
    ("Zimbabwe", "Shona"), ("India", "Gujarati"), ("Hong Kong", "Cantonese"),
    ("Ghana", "Twi"), ("Brazil", "Portuguese"), ("Eritrea", "Tigrinya"), ("Latvia", "Latvian"),
    ("Slovakia", "Slovak"), ("Kenya", "Swahili"), ("Iraq", "Kurdish"),
    ("the Philippines", "Tagalog"),
]
ARRIVAL_AGES = ["six", "eight", "nine", "eleven", "twelve", "thirteen", "fourteen"]
AGES = ["nineteen", "twenty", "twenty-two", "twenty-three", "twenty-four", "twenty-six"]
CARED_FOR = ["my mum", "my dad", "my nan", "my grandad"]
# The professional qualification each team's people tend to study for.
QUALIFICATIONS = {
    "Customer Operations": ["a CMI diploma in management", "an ILM level 5"],
    "Finance": ["the ACCA", "the CIMA", "the AAT"],
    "Technology": ["an Azure certification", "a BCS diploma"],
    "Data & Analytics": ["a level 4 data apprenticeship", "a statistics diploma"],
    "People": ["the CIPD level 5", "the CIPD level 7"],
    "Legal": ["CILEx", "the SQE"],
    "Marketing": ["the CIM diploma"],
    "Risk & Compliance": ["the ICA diploma in compliance", "the IRM certificate"],
    "Logistics": ["a CILT diploma", "an ILM level 3"],
}
GENERIC_QUALIFICATIONS = ["a professional qualification", "my professional exams",
                          "a level 5 qualification"]
# Earlier jobs in the member profiles (demo/content.py EARLIER_JOBS) → the career
# a story calls the author's first one.
OLD_CAREER_OF_JOB = {
    "Sales assistant": "retail", "Checkout operator": "retail", "Kitchen porter": "hospitality",
    "Care assistant": "social care", "Waiter": "hospitality", "Warehouse picker": "warehousing",
    "Bar staff": "hospitality", "Apprentice electrician": "construction",
    "Teaching assistant": "schools", "Delivery driver": "driving",
    "Cleaner": "cleaning", "Trainee hairdresser": "hairdressing", "Soldier": "the army",
    "Receptionist": "a GP surgery",
}


# --- backgrounds -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Background:
    """One kind of route: its tags, its own sentences and the comments that fit it.

    ``route`` says which shared sentences fit: "degree" (went to university),
    "work" (straight into work) or "any". ``texture`` says whether the shared
    childhood sentences fit (not for stories of care or of growing up abroad).
    """

    tags: tuple[str, ...]
    route: str
    weight: float
    titles: tuple[str, ...]
    started: tuple[Fragment, ...]
    hard: tuple[Fragment, ...]
    turning: tuple[Fragment, ...]
    advice: tuple[str, ...]
    comments: tuple[str, ...]
    texture: bool = True


BACKGROUNDS: dict[str, Background] = {}

BACKGROUNDS["free_school_meals"] = Background(
    tags=("Free school meals",), route="degree", weight=2.6,
    titles=(
        "dinner tickets|The different-coloured dinner ticket",
        "What free school meals taught me about asking", "Packed lunches were for other people",
        "school holidays|When term ended, so did the dinners",
        "at {uni}|{place}, free dinners and a place at {uni}", "The kid with the voucher",
        "school trips|Letters about school trips stayed in my bag",
        "field trip|The field trip I couldn't afford", "blazer|A blazer two sizes too big",
        "electric key|The electric key and the reading list",
        "hungry on Fridays|Pretending not to be hungry",
        "you should have asked a year ago|'You should have asked a year ago'",
        "I could live here|The summer I thought: I could live here",
        "bursary|The bursary that bought my laptop",
        "hardship fund|An interest-free month's rent",
        "director at a network event|Comparing dinner tickets with a director",
    ),
    started=(
        ("I grew up in {place} with {carer} and {siblings}. {Carer} worked {job}, and I had "
         "free school meals from my first day at primary. In our school the free dinner "
         "tickets were a different colour, so everyone knew.",
         "The different-coloured dinner tickets. We had those too, and I'd forgotten until "
         "I read this."),
        ("We lived in a two-bed flat above a bookie's in {place}. {Carer} worked {job}, and "
         "the money went on rent and the electric key. The uniform grant paid for a blazer "
         "two sizes too big so it would last.",
         "The blazer two sizes too big so it would last — my nan did exactly the same."),
        ("I'm from {place}. There were six of us in a three-bed terrace and {carer} worked "
         "{job}. The school holidays were the hard part, because free school meals stopped "
         "when term did.",
         "Holidays being the hard part is so true. Thank you for saying it."),
        "Growing up in {place}, I knew we were skint before I knew the word for it. {Carer} "
        "worked {job}. I was on free dinners, had a council bus pass and wore my cousin's "
        "old trainers.",
        "I grew up on an estate on the edge of {place}. {Carer} worked {job} and picked up "
        "extra shifts at Christmas. I had free school meals, and I learned early not to "
        "bring letters about school trips home.",
        "Our house in {place} was warm and loud and always short of money. {Carer} worked "
        "{job}. Free school meals meant I ate a proper meal every school day, which I didn't "
        "appreciate at the time.",
        "I went to the comprehensive in {place}, where about half my year were on free "
        "school meals. I was one of them. {Carer} worked {job}, and {siblings} and I shared "
        "a room until I was fifteen.",
        ("I grew up in {place}. {Carer} worked {job}, and there were months when the food "
         "bank filled the gaps. At school I was on free dinners and I was very good at "
         "pretending I wasn't hungry on Fridays.",
         "Pretending not to be hungry on Fridays. I could have written that sentence."),
        "I lived with {carer} and {siblings} in {place}. {Carer} worked {job}, and the free "
        "school meal was the one thing in the week I never had to worry about.",
    ),
    hard=(
        ("At {uni} I found out that most people's parents sent money. I worked twenty hours "
         "a week in a bar during term and full time every summer, and I still had to skip the "
         "second-year field trip.",
         "I missed the field trip at uni for the same reason and told everyone I was ill."),
        ("The maintenance loan covered my rent and not much else. I remember adding up a "
         "week's food on my phone in the supermarket, item by item, and putting things back.",
         "I also stood in the supermarket adding things up on my phone. Reading this made "
         "me feel a lot less alone."),
        "It wasn't the work that was hard at first, it was everything around it: the "
        "after-work drinks, the collection for someone's leaving present, the team lunch at a "
        "place where a main cost what I'd spend on food in three days.",
        "I was embarrassed about money for years. When colleagues talked about skiing or "
        "gap years I changed the subject, because the true answer was that I'd spent my "
        "summers stacking shelves.",
        "My first pay day here was five weeks after I started. I'd borrowed the deposit for "
        "my room from my auntie and lived on pasta and toast until the money came in.",
        ("I hadn't realised how much I'd absorbed the idea that people like me don't ask for "
         "things. It took me three years to ask for a pay review, and when I did I apologised "
         "twice in the first sentence.",
         "Apologising twice in the first sentence — I did that in my last pay review. "
         "Not doing it again."),
        "Nobody at school talked about university except as something other people did. I "
        "applied to {uni} because a teacher filled in half the form with me at lunchtime.",
        "I was the one who always 'forgot' their PE kit, because the old one didn't fit and "
        "there wasn't money for a new one. At work I was the one who always 'had plans' when "
        "the team went out.",
        "In my first month I bought a sandwich every day because everyone else did, and ran "
        "out of money in the third week.",
    ),
    turning=(
        "A bursary from {uni} for students who'd had free school meals paid for my laptop "
        "and meant I could drop to twelve hours a week at the bar. My marks went up the same "
        "term.",
        "In my second year a careers adviser at {uni} told me this firm's insight week paid "
        "travel and a day rate. I'd never have applied to an unpaid one. I went, and it led "
        "to a place on the graduate scheme.",
        ("{mentor}, my first manager, noticed I never came to team lunches and quietly "
         "changed them to bring-your-own in the office. Nothing was ever said. Years later I "
         "realised {mentor} had guessed.",
         "The manager who changed the team lunches without saying why. What a quiet, kind "
         "thing to do."),
        "The network's hardship fund lent me my first month's rent, interest free, paid back "
        "over six months from my salary. It's a small thing and it changed everything.",
        "I got talking to a director at a network event who had also been on free school "
        "meals. We compared notes on dinner tickets. Afterwards I stopped thinking of my "
        "background as something to hide.",
        "A teacher, {mentor}, entered me for a summer school at {uni} and only told me once "
        "I'd got in. It was the first time I'd slept anywhere but home, and the first time I "
        "thought: I could live here.",
        "I asked for a pay review with a list of what I'd delivered and what the grade paid. "
        "I got it, along with a manager who said, 'you should have asked a year ago.'",
        "A sixth-form teacher, {mentor}, quietly paid for my university application fee and "
        "told me to pay it forward one day. I'm still paying it forward.",
        "The firm's salary advance for new starters meant I didn't have to choose between "
        "the deposit and eating.",
    ),
    advice=(
        "If you're on free school meals now, look for the bursaries. Universities and "
        "employers have money set aside and they genuinely want to give it away.",
        "Money worries take up a lot of room in your head. If you're struggling, tell someone "
        "at work — there is usually more help than you think.",
        "Don't let a trip or a course or a suit be the reason you say no. Ask whether there's "
        "support first. The worst answer is no, and you're no worse off.",
        "Making a tenner last a week is a skill. You'll be better at budgets than half the "
        "people in the room.",
        "You don't owe anyone the story of your childhood. But if you choose to tell it, "
        "you'll be surprised who says 'me too'.",
        "Ask what things cost before you commit: the trip, the course, the team dinner. "
        "Asking is normal; struggling in silence shouldn't be.",
        "Being hungry at school isn't something to be ashamed of. The shame belongs to a "
        "system that let it happen.",
        "Take the free breakfast club, the bursary, the uniform grant. That's what they're "
        "for.",
    ),
    comments=(
        "Free school meals all the way through here too. Thank you for writing this.",
        "We should talk more about the cost of team lunches and leaving collections. Thank "
        "you for putting it so clearly.",
        "I'd never heard of the hardship fund until now. Going to share this with our new "
        "starters.",
        "As a manager this is a useful nudge. I'm going to look again at how our team "
        "socialises.",
        "So much of this is my childhood too, just a different town. Thank you.",
        "The bit about money taking up room in your head is exactly right.",
        "I grew up the same way and I still check my bank balance before every lunch out. "
        "Really glad you shared this.",
    ),
)

BACKGROUNDS["first_in_family"] = Background(
    tags=("First in family at university",), route="degree", weight=2.6,
    titles=(
        "First in my family to go, and nobody to ask",
        "UCAS|The UCAS form on the kitchen table",
        "What nobody tells a first-generation student",
        "reading week|Reading week, and other mysteries",
        "{subject} at {uni}|{subject} at {uni}, and a family who didn't know what that meant",
        "mantelpiece|The first graduation photo on our mantelpiece",
        "seminar|I didn't know what a seminar was", "office hours|Office hours are for you too",
        "personal statement|Nobody to proofread my personal statement",
        "too posh|Too posh for home, too home for uni",
        "what job is that for|'What job is that for?'",
        "ask the daft questions|'Ask the daft questions now'",
        "peer mentoring|One coffee with a peer mentor",
        "most improved|The most improved student of the year",
        "charity shop|A charity-shop suit at my first assessment centre",
    ),
    started=(
        "I grew up in {place}, where {carer} worked {job}. Nobody in my family had been to "
        "university, and I'm not sure anyone on our street had either.",
        "I was the first person in my family to stay on past sixteen, never mind go to "
        "university. At home in {place}, university was something people on the telly did.",
        "In {place}, the sixth form was seen as the posh option. I went because my best mate "
        "did, and ended up applying to read {subject} at {uni} without really knowing what a "
        "degree would lead to.",
        "Home was {place}, {carer} and {siblings}. {Carer} worked {job} and was proud of me "
        "in a slightly worried way, as if university might take me away. In some ways it did.",
        ("I filled in my UCAS form at the kitchen table in {place} with nobody to check it. I "
         "spelt the name of my own course wrong in my personal statement and only noticed "
         "years later.",
         "Spelling your own course wrong on the personal statement — I'm crying laughing, "
         "because I did something very similar."),
        "I went to a comprehensive in {place} where the careers advice was a leaflet. I "
        "picked {subject} at {uni} because I liked it at A level, and the open day was the "
        "first time I'd been on a train on my own.",
        "My family in {place} are clever people who never had the chance. {Carer} left school "
        "at fifteen and worked {job}. When I got my offer from {uni} we looked up where it "
        "was on a map.",
        ("I grew up in {place}. Nobody in my family had a degree, and when I said I wanted to "
         "read {subject} the first question was 'what job is that for?' It was a fair "
         "question and I didn't have an answer.",
         "'What job is that for?' was the exact question at our dinner table too."),
    ),
    hard=(
        ("In freshers' week everyone seemed to know what a seminar was, what reading week "
         "was for and how to email a lecturer. I found out by getting it wrong.",
         "Reading week! I genuinely thought it was a week off in my first year."),
        "I didn't know you could go and see your tutor in office hours. I thought you had to "
        "be in trouble. I struggled through my whole first year on my own.",
        "The careers fair in my final year was full of people who'd done internships "
        "arranged by someone's dad. I'd done a part-time job in a phone shop and didn't think "
        "it counted.",
        ("Going home was strange. I'd changed a bit and home hadn't, and I felt too posh for "
         "{place} and too {place} for university.",
         "'Too posh for home and too home for uni' is exactly how it felt. Thank you for "
         "writing it down."),
        "I had no idea what an assessment centre was. I turned up to my first one in a suit "
        "from a charity shop and spent the group exercise silent because I didn't know the "
        "rules.",
        "My family couldn't help with the questions I had, not because they didn't care but "
        "because they didn't know either. Every form, every deadline, every bit of jargon I "
        "worked out alone.",
        "I nearly dropped out in the second term. I'd convinced myself everyone else belonged "
        "there and I'd got in by mistake.",
    ),
    turning=(
        "A second-year student from a town like mine ran a peer mentoring scheme. Over one "
        "coffee she explained reading lists, extensions and office hours, and everything got "
        "easier.",
        "The university's first-generation society put on a session about graduate schemes. "
        "That's where I first heard of this firm, and I applied the same week.",
        ("At my graduation {carer} cried through the whole ceremony. That photo is on the "
         "mantelpiece in {place} now, and it's the reason I say yes to every school talk.",
         "The graduation photo on the mantelpiece got me. Ours is still there too."),
        "{mentor}, a manager who had also been the first in the family to go to university, "
        "took me aside in my first month and said: 'ask the daft questions now, while you're "
        "new. Everyone expects it.' So I did.",
        "I joined this network in my first year here and found out that almost half the "
        "people in it had been the first to go. I stopped feeling like the only one.",
        "My tutor at {uni} wrote me a reference calling me the most improved student of the "
        "year. I read it so many times I could recite it.",
        "I got through my first assessment centre on the second attempt, after someone from "
        "the network ran a practice group exercise with me and told me to speak first.",
    ),
    advice=(
        "Ask the daft questions. Everyone else is either wondering the same thing or knows "
        "because someone at home told them.",
        "Go to office hours. Lecturers, and managers, are usually pleased someone turned up.",
        "Your family not understanding your job is not the same as them not being proud of "
        "it.",
        "A part-time job is experience. Customer complaints, cashing up, training the new "
        "starter — those are the things interviewers ask about.",
        "If you're the first in your family to go, find the others. There are more of us "
        "than you think, and we all had the same questions.",
    ),
    comments=(
        "First in family here too. I didn't know office hours were for me until my final "
        "year.",
        "I'm sending this to my cousin, who's about to be the first in our family to go.",
        "It took me years to realise that not knowing the rules is not the same as not being "
        "good enough. Lovely story.",
        "Our family didn't know what my degree was for either. They do now, sort of.",
        "This made me think of my own graduation day. Thank you.",
        "So many of us had nobody to check the UCAS form. I'm glad you wrote this.",
        "The first-generation group at my old university did the same for me. It matters "
        "so much.",
    ),
)

BACKGROUNDS["apprenticeship"] = Background(
    tags=("Apprenticeship",), route="work", weight=2.4,
    titles=(
        "Earning while I learned", "Apprenticeships are not plan B",
        "No student loan, no regrets", "One day at college, four days doing the real thing",
        "The apprentice who asked too many questions",
        "Why I didn't go to university, and why that was fine",
        "degree apprenticeship|From level 3 to a degree without a penny of debt",
        "interview the next year's apprentices|From apprentice to the person hiring them",
        "apprentice of the year|Apprentice of the year, with my biggest fan at the table",
        "grab the teas|The apprentice who was asked to grab the teas",
        "our new analyst|'Our new analyst', not 'the apprentice'",
        "sticky note|The future of the firm, not a scheme",
        "end-point assessment|Failing my end-point assessment, then passing it",
        "older sister|My friend's sister and her apprenticeship",
        "search engine|Finding my own way in at eleven at night",
    ),
    started=(
        "I grew up in {place}. Everyone assumed I'd go to university because I got decent "
        "GCSEs, but we couldn't see how we'd afford it, and I wanted to earn.",
        "I was seventeen and working weekends in a café in {place} when my form tutor showed "
        "me an advert for apprenticeships here. {Carer} worked {job} and said: if they'll pay "
        "you to learn, go.",
        "School in {place} was fine but I was bored. I liked doing things, not writing about "
        "them, and when I heard you could get a qualification while being paid it sounded too "
        "good to be true.",
        "I'm from {place}. {Carer} worked {job}, and the idea of borrowing tens of thousands "
        "for a degree frightened everyone at home, me included.",
        "I did a year of A levels in {place}, hated it and left. For six months I worked on a "
        "checkout and felt like a failure, until a friend's older sister told me about her "
        "apprenticeship.",
        "I was {age} when I applied for the apprenticeship, older than most of the intake. "
        "I'd spent a few years as {first_job} in {place} and knew I wanted a job with a "
        "ladder.",
        ("In {place} the careers adviser only talked about university or the army. I found "
         "the apprenticeship myself, on a search engine, at eleven o'clock at night.",
         "Found mine at midnight on a search engine too. Careers advice has a long way to "
         "go."),
    ),
    hard=(
        ("Some people treated apprentices like the work experience kids. In my first month "
         "someone asked me to grab the teas in a meeting I'd been invited to as part of the "
         "project team.",
         "Asked to grab the teas in a project meeting — that happened to me too. Things have "
         "improved, but not everywhere."),
        ("College one day a week plus a full working week was tiring. I did assignments on "
         "the bus and in my lunch breaks, and I once fell asleep over a spreadsheet on a "
         "Sunday.",
         "Assignments on the bus! I did my whole level 4 portfolio on the number 36."),
        "My friends were at university having the time of their lives, and I was getting up "
        "at six. For the first year I felt I'd chosen the boring option.",
        "The pay for the first year was low. I lived at home and paid board, and there wasn't "
        "a lot left over.",
        "I failed my first end-point assessment. I was gutted and nearly gave up, but my line "
        "manager booked a resit and ran a mock interview with me before it.",
        "When I moved into a team full of graduates, people asked which university I'd been "
        "to. Saying 'none, I did an apprenticeship' felt like a confession for a long time.",
    ),
    turning=(
        "My apprenticeship manager, {mentor}, put me on real projects from the first week "
        "and introduced me as 'our new analyst', not 'the apprentice'. It made all the "
        "difference.",
        ("After the level 3 I was offered the degree apprenticeship. Four years later I had "
         "a first-class degree, no debt and six years' experience.",
         "Degree apprenticeship, no debt, real experience. More school leavers need to hear "
         "about this."),
        "I won apprentice of the year at the network's awards. I nearly didn't go to the "
        "ceremony. {Carer} came with me, in a new outfit, and told everyone on our table.",
        "Someone senior said in a town hall that our apprentices were the future of the "
        "firm, not a scheme. I wrote it on a sticky note and kept it on my monitor.",
        "I was asked to help interview the next year's apprentices. Sitting on the other side "
        "of the table made me see how far I'd come.",
        "A secondment into another team, arranged through the network, showed me I could do "
        "more than the role I'd been hired for.",
    ),
    advice=(
        "Apprenticeships are not second best. You earn, you learn, and you finish with "
        "experience most graduates don't have.",
        "Treat the college day as sacred. Tell your manager early if work is eating into it "
        "— they're supposed to protect it.",
        "Say yes to the projects that scare you. Nobody expects an apprentice to get "
        "everything right.",
        "Keep a log of what you did each week. It makes the end-point assessment much easier "
        "and it's a great record for promotion.",
        "If someone treats you as 'just the apprentice', don't take it on. You were hired to "
        "do a job, same as them.",
    ),
    comments=(
        "Apprentice here too, two years in. Needed to read this today.",
        "'Not second best' — I'm going to quote this at the next careers evening.",
        "We're recruiting apprentices again this autumn and I'm sharing this with the hiring "
        "managers.",
        "So glad the apprenticeship worked out for you. Thanks for writing it down.",
        "My son is weighing up an apprenticeship against university. This is going straight "
        "to him.",
        "Former apprentice, now a manager of apprentices. Every word of this rings true.",
    ),
)

BACKGROUNDS["care_experienced"] = Background(
    tags=("Care experienced",), route="any", weight=1.6, texture=False,
    titles=(
        "Care leaver, and proud to say so",
        "five placements|Five placements, four schools, one job I love",
        "personal adviser|What my personal adviser got right", "bin bags|The bin bag years",
        "Nobody to ring on results day", "tick the box|Why I ticked the box",
        "folder|The foster carer who kept my school reports",
        "kettle|A kettle, a flat and a grant at eighteen",
        "emergency contact|The emergency contact box",
        "Boxing Day|Volunteering for Boxing Day",
        "driving lessons|Driving lessons and a job in another town",
        "anything that would help|'Is there anything that would help?'",
        "easy to look after|Learning not to be easy to look after",
    ),
    started=(
        ("I went into care in {place} when I was nine. Over the next seven years I lived in "
         "five placements and went to four schools. My things moved with me in bin bags.",
         "The bin bags. Nobody who hasn't been through it understands what that does to "
         "you. Thank you for writing this."),
        "I grew up partly with my birth family and partly in foster care around {place}. "
        "School was the one thing that stayed the same, when it did.",
        "I came into care at thirteen and lived with a foster family on the edge of {place} "
        "until I was eighteen. They were kind, and I still didn't unpack properly for a year.",
        "I'm care experienced. I spent my teenage years in a children's home in {place}, "
        "with staff who changed every few months and a social worker I saw twice a year.",
        "I lived with my nan in {place} from the age of six, and went into foster care when "
        "she couldn't manage any more. I learned very young to make myself easy to look "
        "after.",
        ("My childhood in {place} involved more moves than I can count and a lot of adults "
         "writing things about me in files. I left care at eighteen with a flat, a grant for a "
         "kettle and not much else.",
         "A grant for a kettle and not much else. That line will stay with me."),
    ),
    hard=(
        "When you leave care, there's nobody to ring when things go wrong. The first time my "
        "boiler broke I sat in my coat for three days because I didn't know who to call.",
        ("Work forms ask for an emergency contact. For years I put my old personal adviser's "
         "number, then a friend's, and felt strange about it every time.",
         "The emergency contact box. I've never seen anyone else say that out loud."),
        "At work people talk about going home for Christmas as if everyone has a home to go "
        "to. I used to volunteer for the Boxing Day shift so I had a reason.",
        "I'd learned to be very good at reading adults and keeping my head down. At work that "
        "looked like being quiet, and it took me a long time to speak up in meetings.",
        "My school record was patchy because of the moves, and I was convinced any employer "
        "would look at it and see a problem, not a person.",
        "I didn't tell anyone at work I was care experienced for four years. I was worried "
        "they'd see me as a case, not a colleague.",
    ),
    turning=(
        "A personal adviser from the leaving-care team, {mentor}, kept in touch long after "
        "the paperwork said it could stop, and helped me fill in my first job application.",
        ("This firm guarantees an interview to care leavers. I nearly didn't tick the box "
         "because I didn't want special treatment. I'm glad I did: it got me in the room, and "
         "I did the rest.",
         "I didn't know we guaranteed interviews to care leavers. I'll make sure our team "
         "knows."),
        "My foster carer kept every school report and certificate I'd ever had in a folder. "
        "When I got this job, the folder came out and we went through it together.",
        "I told my manager I was care experienced during a one-to-one about something else. "
        "The answer was 'thank you for telling me — is there anything that would help?', and "
        "nothing else changed, which was exactly right.",
        "Joining the network's care-experienced group meant meeting people who didn't need "
        "the backstory explained. That mattered more than I can say.",
        "The council's care leaver offer paid for driving lessons, which sounds small. It "
        "meant I could take a job in another town and turn up on time.",
    ),
    advice=(
        "If you're care experienced, check what you're entitled to: bursaries, council tax "
        "exemptions, guaranteed interviews. Nobody will tell you unless you ask.",
        "You don't have to share your story at work. If you do, share it on your terms, when "
        "you're ready.",
        "To managers: you don't need to know the details. Ask what would help, and then "
        "actually do it.",
        "Build your own people. Friends, mentors, colleagues — family can be something you "
        "choose.",
        "The skills you learned surviving the system — reading a room, adapting fast, getting "
        "on with strangers — are skills. Use them.",
    ),
    comments=(
        "Care experienced here too. Thank you for writing something so honest.",
        "As a manager I'm taking 'ask what would help, and then actually do it' to heart.",
        "Thank you for this. My brother is care experienced and I'm going to send it to him.",
        "Reading this on my lunch break and I've had to go for a walk. Beautifully written.",
        "'Family can be something you choose' — yes, a hundred times.",
        "The care-experienced group is one of the best things about this network. Glad you "
        "found it.",
    ),
)

BACKGROUNDS["career_changer"] = Background(
    tags=("Career changer",), route="any", weight=1.8,
    titles=(
        "Starting again", "Career changer: what I kept and what I left",
        "My second first job", "Why I left {old_career}", "pay cut|The pay cut that was worth it",
        "Transferable skills are real", "Everything I learned in {old_career} I still use",
        "oldest|Oldest beginner in the room", "stakeholder|What {old_career} taught me about "
        "stakeholders",
        "front line|The only one who knew the front line",
        "translated my CV|My CV, translated into office language",
        "acronym|Everything had an acronym", "bad back|Shifts, pay and a bad back",
    ),
    started=(
        "Before I joined, I spent eleven years in {old_career}. I grew up in {place}, left "
        "school with a handful of GCSEs and went straight into work.",
        "I grew up in {place} and went into {old_career} at eighteen because it was steady "
        "and it was what people I knew did.",
        "I'm from {place}. My first career was in {old_career}, which I loved for a long "
        "time, until the shifts, the pay and a bad back made me think again.",
        "I came to this firm at thirty-four after more than a decade in {old_career}. Growing "
        "up in {place}, office jobs weren't something I saw anyone do.",
        "My twenties were spent in {old_career}. {Carer} had worked {job} for thirty years and "
        "couldn't understand why I'd leave a steady job to start again from the bottom.",
        "I left school in {place} at eighteen and did what paid: {old_career}, mostly. I was "
        "good at it, but I'd topped out by twenty-eight and could see the next thirty years.",
    ),
    hard=(
        "Starting again meant a pay cut and being the oldest person in the room by a decade. "
        "My new manager was younger than my little brother.",
        ("I didn't know the vocabulary. In {old_career} we called things what they were; "
         "here everything had an acronym and a slide deck.",
         "Everything having an acronym and a slide deck — I laughed, because it's true."),
        "I worried people would think I'd failed at my first career. In interviews I'd "
        "apologise for it instead of explaining what I'd learned.",
        "The first six months I felt completely deskilled. I'd gone from being the person "
        "everyone asked to being the person asking where the printer was.",
        "Retraining while working meant evenings and weekends on a course for a year. I "
        "missed a lot at home, and there were weeks I wondered if it was worth it.",
    ),
    turning=(
        "A free course for career changers got me my first interview. The hiring manager, "
        "{mentor}, said it was my years in {old_career} that swung it, not the course.",
        ("I realised that what I'd done for years — calming angry people down, making "
         "decisions fast, working a rota with no slack — was exactly what the job description "
         "meant by 'stakeholder management'.",
         "Calming angry people down is stakeholder management. I'm putting that on my CV."),
        "Someone in the network who'd also come from {old_career} sat down with me and "
        "translated my CV line by line into office language.",
        "My manager put me on the project nobody wanted, because it involved the front line. "
        "I was the only one in the team who knew how the front line actually worked.",
        "A returners' and career changers' programme took a chance on my CV: twelve weeks "
        "paid, with a mentor, and a job at the end if it worked out. It did.",
    ),
    advice=(
        "You're not starting from zero. Write down what you did every day in your old job, "
        "then find the office word for it.",
        "The pay cut is real. Plan for it and ask about progression, because the second year "
        "can look very different from the first.",
        "Don't apologise for your first career. It's what makes you different from everyone "
        "else who applied.",
        "Find someone who has made the same jump. Twenty minutes with them is worth a week of "
        "reading job adverts.",
        "Being the oldest beginner in the room is uncomfortable for about a month. After that "
        "it's an advantage.",
    ),
    comments=(
        "I moved over from a completely different career too. So reassuring to read this.",
        "'Find the office word for it' — brilliant advice, I'm stealing it for our next CV "
        "workshop.",
        "The pay cut is the part nobody talks about with career changes. Thank you for being "
        "honest about it.",
        "I'm thinking about making a move like this myself. This has given me a push.",
        "Front-line knowledge is exactly what head office needs more of. Great story.",
        "Oldest beginner in the room club, checking in. It does get better.",
    ),
)

BACKGROUNDS["grew_up_abroad"] = Background(
    tags=("Grew up outside the UK",), route="any", weight=1.8, texture=False,
    titles=(
        "fifty words|Fifty words of English", "From {country} to {place}",
        "translated|Translating for my parents", "Two languages, one career",
        "didn't count|Qualifications that didn't travel",
        "bottom sets|Bottom sets, top marks", "my name|Why I kept my name",
        "Home is two places", "cricket|Still trying to understand cricket",
        "quiz shows|English from quiz shows", "someone else's coat|Wearing someone else's name",
        "top maths set|The teacher who moved me up a set",
        "'really' from|Where I'm 'really' from",
        "very slowly|The spreadsheet explained very slowly",
    ),
    started=(
        ("I was born in {country} and came to {place} when I was {arrival_age}. I spoke "
         "{language} at home and about fifty words of English when I started school.",
         "I also arrived with barely any English. Thank you for this."),
        "My family moved from {country} to {place} when I was {arrival_age}. {Carer} had "
        "been a teacher back home and worked {job} here, because the qualifications didn't "
        "count.",
        "I grew up in {country} and came to the UK on my own at nineteen, to a room in a "
        "shared house in {place} and a job in a warehouse.",
        "I arrived in {place} from {country} at {arrival_age}. The school put me in the "
        "bottom sets for everything because of my English, including maths, which I was good "
        "at.",
        "Our family came from {country} when I was {arrival_age}. At home we spoke "
        "{language}; I learned English from the other kids at school and from watching quiz "
        "shows.",
        ("We moved to {place} from {country} when I was {arrival_age}, and from then on I "
         "translated for my parents: at the GP, at the housing office, at parents' evening "
         "about myself.",
         "Translating at your own parents' evening. That responsibility is invisible to most "
         "people. Thank you for naming it."),
    ),
    hard=(
        "People assumed my English meant I wasn't clever. In my first job here someone "
        "explained a spreadsheet to me very slowly, and I'd been doing my family's accounts "
        "since I was fifteen.",
        ("My name was mispronounced so often that for a while I introduced myself with an "
         "English one. It felt like wearing someone else's coat.",
         "I'm going to start saying my name properly in meetings again. This gave me the "
         "nudge."),
        "The unwritten rules were doubly unwritten for me: small talk about nineties telly, "
        "jokes about school dinners, references I'd missed by growing up somewhere else.",
        "I'd done two years at university in {country} before we moved, and none of it "
        "counted here. I started again at the bottom.",
        "I was always the one who had to explain where I was from, and where I was 'really' "
        "from, before anyone talked about what I could do.",
    ),
    turning=(
        "{mentor}, a team leader on my first team, asked how to say my name properly and then "
        "corrected everyone else. It sounds small. I've never forgotten it.",
        "The firm paid for an English for professional purposes course in my first year. It "
        "wasn't about grammar; it was about the confidence to talk in meetings.",
        "Speaking {language} turned out to be useful here: I helped on a customer project, "
        "and the team realised I knew things they didn't.",
        "Through the network I met colleagues who'd also grown up outside the UK. We swapped "
        "stories about the first time we tried to understand cricket.",
        "A college teacher in {place}, {mentor}, moved me into the top maths set after one "
        "test. That one decision opened the door to everything after.",
    ),
    advice=(
        "Keep your name. People can learn it. They learn much harder ones for footballers.",
        "Your other language is a skill, not a gap. Put it on your CV and in your profile.",
        "If your qualifications are from abroad, ask about recognition. There are services "
        "that compare them with UK ones, and employers do accept them.",
        "Ask about the things you don't understand, even the cultural ones. Most people are "
        "happy to explain, and some will be glad someone asked.",
        "You'll always be from two places. That's more, not less.",
    ),
    comments=(
        "'They learn much harder ones for footballers' — made me laugh out loud.",
        "Two places, not zero. I love that.",
        "As someone who grew up here, this made me think about how much I assume. Thank you.",
        "I came here at fourteen and recognise so much of this. Thank you for sharing it.",
        "Your other language being a skill, not a gap — I needed to hear that.",
        "My parents' qualifications didn't count here either. Thank you for writing about it.",
    ),
)

BACKGROUNDS["left_school_at_16"] = Background(
    tags=("Left school at 16",), route="work", weight=1.8,
    titles=(
        "four GCSEs|Four GCSEs and a plan", "Leaving school at sixteen was the right call",
        "What I learned on the shop floor", "No A levels, no problem? Not quite",
        "Night shifts|The night shift years", "third time I passed|Maths at the third attempt",
        "Sixteen and straight into work", "Wages before qualifications",
        "car park|The appraisal that made me cry in the car park",
        "already doing it|'You're already doing it'",
        "or equivalent|What 'or equivalent' means",
        "internal academy|No qualifications needed, just an application",
        "youth rate|The youth rate", "wasted my potential|Wasted potential? Not quite",
    ),
    started=(
        "I left school in {place} at sixteen with four GCSEs and went straight into work as "
        "{first_job}. {Carer} worked {job}, and bringing in a wage was what you did.",
        "I wasn't a bad kid at school in {place}, I was a bored one. I left at sixteen and "
        "got a job as {first_job}, and for a while it felt like freedom.",
        "At sixteen I needed to earn. Things were tight at home in {place}, and staying on "
        "for A levels wasn't something we talked about. I started as {first_job} the week "
        "after my last exam.",
        ("I grew up in {place} and left school at sixteen. My first job was as {first_job}, on "
         "the youth rate of the minimum wage, which was less than the adults doing the same "
         "work.",
         "The youth rate for doing the same job as the adults. It still annoys me twenty "
         "years on."),
        "I left school at sixteen without maths or English at a pass. I spent the next few "
        "years as {first_job} in {place}, telling myself I'd go back to it one day.",
    ),
    hard=(
        ("Every job advert I looked at in my early twenties said 'degree or equivalent'. I "
         "never knew what equivalent meant and assumed it didn't mean me.",
         "'Experience is equivalent' — I wish someone had told me that fifteen years ago."),
        ("I failed my maths GCSE twice. The third time I passed, at twenty-three, at night "
         "school, after a full shift.",
         "Night school maths, third attempt, after a full shift. I salute you."),
        "When I got into an office job I was the only person on the team without A levels, "
        "and I was sure everyone could tell from the way I wrote emails.",
        "I'd been told so often that I'd wasted my potential that I believed it. I didn't "
        "apply for promotions because I thought the answer would be no.",
        "Night shifts at nineteen meant I missed a lot: friends, sleep, daylight. The money "
        "was better, though, and that mattered at home.",
    ),
    turning=(
        "A shift manager, {mentor}, put me forward for the supervisor role when I wouldn't "
        "have put myself forward. 'You're already doing it' was the whole argument.",
        "Passing maths at night school was the first time I thought of myself as someone who "
        "could learn. After that I did an access course, then a level 4.",
        "This firm removed the degree requirement from most of its job adverts a few years "
        "ago. That's the only reason I applied for the role I have now.",
        "Someone in the network told me about the firm's internal academy, which doesn't ask "
        "for any qualifications, just an application and an interview.",
        ("My first appraisal here said I was the most reliable person on the team. I cried "
         "in the car park. Nobody had ever written anything nice about me before.",
         "Crying in the car park after a good appraisal. Been there. So glad you had that "
         "manager."),
    ),
    advice=(
        "Leaving school at sixteen isn't the end of learning. Night school, access courses, "
        "apprenticeships — it's never too late.",
        "If a job advert asks for a degree 'or equivalent', apply anyway. Experience is "
        "equivalent.",
        "Don't let the people who said you'd wasted your potential have the final word.",
        "Your years of work are worth something. Customers, rotas, money, stock, staff — "
        "write it all down.",
        "Get your maths and English if you haven't. It's a pain, but it opens doors that are "
        "otherwise locked for no good reason.",
    ),
    comments=(
        "Left school at sixteen here too. This is so encouraging.",
        "I was the only one without A levels on my team for years. Thank you for saying it "
        "out loud.",
        "Sending this to my son, who's just left school and feels like he's already behind.",
        "Really inspiring. Thanks for writing this.",
        "Shop floor to head office is such an underrated route. Thank you.",
    ),
)

BACKGROUNDS["young_carer"] = Background(
    tags=("Young carer",), route="any", weight=1.6,
    titles=(
        "waiting rooms|Homework in hospital waiting rooms", "A young carer's long way round",
        "late for school|The kid who was always late", "Caring was my first job",
        "Nobody called it caring at the time", "What I learned looking after {cared}",
        "carers' policy|The carers' policy I was afraid to use",
        "stairwells|Phone calls in stairwells", "young carers' group|Two hours a week off",
        "late pass|The teacher who asked why I was late",
        "window|Watching other lives through a window",
        "outcomes|Judged on outcomes, not hours",
    ),
    started=(
        "I was a young carer from the age of ten. {Cared} has MS, and in {place} there wasn't "
        "much support, so it fell to me: medication, shopping, forms, appointments.",
        "Growing up in {place}, I looked after {cared}, who has a long-term mental illness. I "
        "didn't know the phrase 'young carer' until I was seventeen.",
        ("I did my homework in hospital waiting rooms in {place}. {Cared} had a lot of "
         "appointments, and I was the one who could explain things to the doctors.",
         "Hospital waiting rooms were my study space for years too. Thank you for this."),
        "From about eleven I looked after {cared} and helped bring up {siblings}. School in "
        "{place} was where I got to be a kid, when I managed to get there.",
        ("I grew up in {place} caring for {cared} after a stroke. Teachers thought I was "
         "disorganised; I was running a household.",
         "'Teachers thought I was disorganised; I was running a household.' I've read that "
         "line about five times."),
    ),
    hard=(
        "I was late for school most days and nobody asked why. By Year 10 I had a reputation "
        "and a stack of detentions.",
        "At work, the caring didn't stop. I took calls from {place} in stairwells and used my "
        "annual leave for hospital appointments.",
        "I couldn't go away to university because I was needed at home, so I studied locally "
        "and commuted. It felt like watching other people's lives through a window.",
        "I never went to after-work drinks or evening networking events, and I could see it "
        "mattered for who got noticed.",
        "I didn't tell my manager for years that I was a carer. I thought it would look like "
        "I wasn't committed.",
    ),
    turning=(
        "A young carers' group in {place} gave me two hours a week where I wasn't responsible "
        "for anyone. The youth worker there, {mentor}, helped me with my college application.",
        "When I finally told my manager, I had the carers' policy and flexible hours set up "
        "within a week. I'd struggled in silence for nothing.",
        ("The network's carers' group meets online at lunchtime, which is the only time I "
         "could ever make it. It's the first network I've actually been part of.",
         "The lunchtime carers' group is brilliant — I joined last year after reading a "
         "story like this."),
        "Our team moved to judging work by outcomes, not by what time you log on. It changed "
        "my life more than any promotion.",
        "A teacher, {mentor}, noticed the lateness was a pattern, asked the right question "
        "and got me a late pass and some support. It was the first time anyone at school had "
        "asked.",
    ),
    advice=(
        "If you're a young carer, tell school. It's not telling tales and it's not weakness. "
        "Support starts with someone knowing.",
        "Use the carers' policy. It exists because people need it, and using it doesn't make "
        "you less committed.",
        "Caring gives you skills: organisation, calm in a crisis, talking to professionals. "
        "Put them on your CV.",
        "Ask for flexible working in terms of outcomes. 'I'll deliver this by Friday' is "
        "easier to agree to than 'I need to leave at three'.",
        "Look after yourself too. I learned that late.",
    ),
    comments=(
        "I was a young carer too. It's rare to see it written down like this.",
        "As a manager, this is a reminder to ask the question and mean it. Thank you.",
        "Thank you for being so open. Sharing this with our carers' group.",
        "So much of this was my teens. Thank you for putting it into words.",
        "The carers' policy really does work. I'm glad you used it in the end.",
    ),
)

BACKGROUNDS["regional_roots"] = Background(
    tags=("Regional roots",), route="degree", weight=1.8,
    titles=(
        "accent|My accent is not a problem", "Why I stopped hiding where I'm from",
        "commuted from|The six o'clock train from {place}",
        "vowels|{place} vowels in a London meeting room", "Too far from where the jobs were",
        "relocation|Moving away to move up", "commute from|The commute that ate my salary",
        "accent|Saying it my way",
        "impression of my accent|The day someone did my accent in a meeting",
        "Sundays|Sundays at home, and two promotions",
        "ten miles across|A world ten miles across", "trusted me|The accent clients trusted",
        "Hybrid working|Hybrid working gave me my salary back",
    ),
    started=(
        "I grew up in {place}, a long way from any city where the sort of job I have now "
        "exists. Careers at school meant the local factory, the hospital or the army.",
        "I'm from {place}, and I sound like it. Growing up, that was never an issue, because "
        "everyone sounded like me.",
        "In {place} the big employer shut when I was small, and most of the jobs left with "
        "it. {Carer} worked {job}, and a career, as opposed to a job, was something from the "
        "telly.",
        "I grew up in {place}. My world was about ten miles across until I was eighteen, and "
        "the nearest city felt like a different country.",
        "Home is {place}. I love it, but when I was growing up you had to leave if you wanted "
        "certain kinds of work, and most people I knew didn't want to or couldn't.",
    ),
    hard=(
        ("In my first job someone did an impression of my accent in a meeting, as a joke. "
         "Everyone laughed, including me. I went quiet in meetings for about a year.",
         "I laughed along at accent jokes for years too. Not any more."),
        ("For my first two years I commuted from {place} because I couldn't afford to live "
         "nearer. The train cost nearly a fifth of my take-home pay and I was out of the house "
         "from six till eight.",
         "Commuting costs are a massive barrier nobody talks about. Thank you for putting "
         "numbers on it."),
        "Moving to the city cost money I didn't have: a deposit, a month's rent up front, a "
        "flat with strangers. I borrowed from three different people to make it happen.",
        ("I spent years flattening my vowels. I rehearsed what I was going to say in "
         "meetings so it came out 'properly', and by then the conversation had moved on.",
         "The accent thing is so real. I still catch myself flattening my vowels."),
        "People assumed I'd want to stay local, so development opportunities at head office "
        "were offered to other people first.",
    ),
    turning=(
        "A director, {mentor}, told me my accent was one of the reasons clients trusted me. "
        "I think about that every time I hear myself on a recording.",
        "The firm opened an office in the north and I transferred. I pay less rent, I see my "
        "family on Sundays and I've had two promotions since.",
        "Hybrid working changed everything. Two days in the office instead of five meant the "
        "commute from {place} stopped eating my salary.",
        ("The relocation support here — a loan for the deposit and two weeks in a hotel "
         "while I found somewhere — is the only reason I could take the job.",
         "I had no idea we offered relocation loans. This is really useful."),
        "I joined the network's regional roots group and found dozens of colleagues who'd "
        "had to choose between home and work. We pushed for regional hiring, and it worked.",
    ),
    advice=(
        "You don't have to change your accent. You might have to slow down a bit on video "
        "calls, and that's all.",
        "Ask about relocation support before you turn down a job because of the move. There's "
        "often more than they advertise.",
        "If the commute is crippling you, tell your manager. Hybrid patterns and season-ticket "
        "loans exist for a reason.",
        "Where you're from is part of what you bring. Clients and colleagues from places like "
        "yours will hear it and relax.",
        "Go home often. It keeps you honest, and it reminds you who you're doing it for.",
    ),
    comments=(
        "Proud of you for keeping your voice. It's one of the best things about our "
        "meetings.",
        "Regional roots group member here. This is exactly why we exist.",
        "So many of us had to choose between home and work. Thank you for writing this.",
        "Keep the accent. Always keep the accent.",
        "This is why hybrid working matters for social mobility. Great story.",
    ),
)

BACKGROUNDS["returning_to_work"] = Background(
    tags=("Returning to work",), route="any", weight=1.3,
    titles=(
        "Back after a long break", "The gap in my CV",
        "school run|Returning to work, one school run at a time",
        "chat tools|Nobody warned me about the new software",
        "returners' programme|How a returners' programme got me back in",
        "Confidence is the last thing to come back", "Part-time|Part-time, not half-hearted",
        "nine-day fortnight|The nine-day fortnight",
        "phased return|Coming back slowly, and staying",
        "twins|Seven years with the twins", "nursery|Working to pay the nursery",
        "monthly lunch|The returners' lunch",
    ),
    started=(
        "I grew up in {place}, left school at eighteen and had my first child at twenty-two. "
        "I spent the next eight years at home, then went back to work with a CV that had a "
        "hole in the middle.",
        "I'm from {place}. I stepped away from work for six years to look after {cared}, and "
        "when I came back everything had moved on.",
        "I had a long break from work after a serious illness. Before that I'd grown up in "
        "{place} and worked my way up from {first_job}.",
        "I left work when my twins were born and didn't go back for seven years. Growing up "
        "in {place}, nobody in my family had ever had a career break and a way back; you just "
        "stopped.",
        "I'd been out of work for four years, caring and then getting well myself, when I saw "
        "the returners' programme advertised. I'd grown up in {place}, and I'd never been very "
        "good at believing in myself.",
    ),
    hard=(
        ("The first week back I didn't recognise half the systems. Everyone used chat tools "
         "I'd never heard of, and I was too embarrassed to ask.",
         "Too embarrassed to ask about the chat tools — same! I pretended for a week."),
        "Interviewers kept asking about the gap, as if looking after small children or being "
        "ill was something I needed to explain away.",
        ("Childcare cost almost as much as I earned in the first year. There were months I "
         "wondered whether I was working just to pay the nursery.",
         "The childcare maths is brutal. Thank you for being honest about it."),
        "I felt years behind people who'd started when I did and never stopped. It took me a "
        "long time to stop comparing.",
        "Part-time work felt like a ceiling. The senior roles were all advertised as full "
        "time, and I assumed that meant not for me.",
    ),
    turning=(
        "The returners' programme here paid properly, gave me a mentor, {mentor}, and treated "
        "the gap as experience rather than a problem.",
        ("My manager agreed to a nine-day fortnight. It sounds like a small change. It meant "
         "I could do the school run twice a week and still go for promotion.",
         "Nine-day fortnight gang! It changed everything for me as well."),
        "A phased return after my illness — three days, then four, then full time — meant I "
        "came back to stay rather than burning out in a month.",
        "The firm started advertising all roles as open to flexible working. The job I have "
        "now was one of the first.",
        "I met other returners through the network and we started a monthly lunch. Half the "
        "advice I needed came from those lunches.",
    ),
    advice=(
        "A career break is not a gap. You were doing something, even if nobody paid you for "
        "it.",
        "Ask for a phased return if you need one. It's a normal request and it works.",
        "Returners' programmes exist, and they pay. Look for them.",
        "Don't count the years you were away. Count what you've done since you came back.",
        "You can ask for flexible working from your first day. Ask.",
    ),
    comments=(
        "I came back after a long break too. Confidence really was the last thing to return.",
        "I'm on the returners' programme right now and this is exactly what I needed to read.",
        "'A career break is not a gap' — putting this on a sticky note.",
        "So glad you came back. Thank you for sharing.",
        "Flexible working made my return possible too. Great to see it written down.",
    ),
)

BACKGROUNDS["working_while_studying"] = Background(
    tags=("Working while studying",), route="any", weight=1.8,
    titles=(
        "Tuesday night|Years of Tuesday nights", "degree|A degree in the evenings",
        "Open University|The Open University and the night bus",
        "Full-time job, part-time study", "fifteen-minute|Essays in fifteen-minute chunks",
        "graduated|Graduating later than planned", "study leave|Study leave is not a favour",
        "{qual}|Passing {qual} while working full time",
        "you think like an analyst|'You think like an analyst'",
        "study buddies|Accountable on a Tuesday night",
        "module by module|Paying module by module",
        "Saturday job|A Saturday job and a lifetime of evening classes",
    ),
    started=(
        "I grew up in {place} and left sixth form to work, because we needed the money. I "
        "always wanted a degree, and I finally started one at twenty-six, part time, in the "
        "evenings.",
        "I'm from {place}. University at eighteen wasn't an option, so I went to work as "
        "{first_job} and told myself I'd study later. Later turned out to be eight years.",
        "I grew up in {place}, where {carer} worked {job}. I did my A levels while working "
        "twenty hours a week on the tills, and that set the pattern for the next ten years.",
        "Studying while working is the only way I've ever done it. At sixteen it was GCSE "
        "resits and a Saturday job in {place}; now it's {qual} and a full-time role.",
        "I grew up in {place} and started work at eighteen as {first_job}. I've been studying "
        "for something or other in the evenings ever since.",
    ),
    hard=(
        "Six years of part-time study meant six years of evenings and weekends. I missed "
        "weddings, birthdays and a lot of sleep.",
        ("I failed one paper of {qual} and nearly gave up on the whole thing. I was working "
         "full time, tired all the time and sure I wasn't clever enough.",
         "Failing a paper and resitting — me too. Thank you for saying it."),
        "There's a particular kind of tired that comes from finishing a shift, then sitting "
        "down to write two thousand words on a subject you're still getting to grips with.",
        "I couldn't afford the fees without help and I didn't know help existed, so for two "
        "years I paid module by module out of my wages.",
        ("Studying at home with small children means writing essays in fifteen-minute "
         "chunks. I got very good at remembering where I'd left off.",
         "Essays in fifteen-minute chunks between bedtimes. This is my life right now."),
    ),
    turning=(
        ("My manager found out I was studying and signed me up for the firm's study support: "
         "fees paid and five days' study leave a year. I'd been paying myself for two years.",
         "I didn't know about the study leave either until a colleague told me. Passing this "
         "on."),
        "A tutor at the Open University, {mentor}, wrote on one essay: 'you think like an "
        "analyst.' I printed it and stuck it on the fridge.",
        "Passing {qual} got me my first promotion. It was also the first time I felt I'd "
        "earned my place in the room.",
        "The network runs a study buddies scheme. Being accountable to someone else on a "
        "Tuesday night got me through the last year.",
        "I graduated in my thirties, with {carer} and {siblings} cheering louder than anyone "
        "else in the hall.",
    ),
    advice=(
        "Ask about study support before you start paying yourself. Fees, leave, exam days — "
        "employers often cover more than you'd guess.",
        "Block out the same evenings every week and protect them. Consistency beats heroic "
        "weekends.",
        "If you fail a paper, resit it. Almost everyone I know who qualified failed something "
        "on the way.",
        "Tell your manager you're studying. It's much easier to get flexibility when people "
        "know why you need it.",
        "There were people in my cohort in their fifties. It's never too late.",
    ),
    comments=(
        "Working full time and studying part time is so hard. Huge respect.",
        "Tuesday nights for six years. I'm in year three and this is keeping me going.",
        "Congratulations on getting through it, and thank you for sharing how.",
        "Sending this to my sister, who's thinking about a part-time degree.",
        "The study buddies scheme is brilliant. I'd recommend it to anyone.",
    ),
)

BACKGROUNDS["state_school_to_professional"] = Background(
    tags=("First in family at university",), route="degree", weight=1.8,
    titles=(
        "State school, big firm, no contacts",
        "paid nothing|The unpaid internship I couldn't take",
        "good fit|What 'good fit' really meant", "lawyer|Nobody I knew had a lawyer",
        "vacation scheme|Vacation schemes and other mysteries",
        "The firm that looked past my postcode",
        "contextual|Contextual recruitment got me in the door",
        "Learning the language of big firms",
        "cleverer than you|'Nobody here is cleverer than you'",
        "skiing|Skiing, gap years and me", "hidden curriculum|The hidden curriculum",
        "boilers|Not the people who fix boilers",
        "charity's programme|A paid summer that changed everything",
    ),
    started=(
        "I went to a state comprehensive in {place} and was the first in my family to go to "
        "university. I read {subject} at {uni} and had no idea what professional services "
        "even were.",
        ("I grew up in {place}. Nobody in my family had a degree or worked in an office, and "
         "the only lawyer anyone knew was the one who did my nan's will.",
         "The only lawyer anyone knew did the will. Same in our family!"),
        "I went to a school in {place} where five GCSEs was something to celebrate. I went on "
        "to {uni} — first in my family — to read {subject}, and assumed jobs at big firms were "
        "for people from other schools.",
        "My background is a comprehensive in {place}, a council house and a family that "
        "worked with their hands. When I got into {uni} to read {subject}, I was the first of "
        "us to go.",
        "I'm from {place}, the first in my family to go to university. {Carer} worked {job} "
        "and thought 'professional services' meant the people who fix boilers.",
    ),
    hard=(
        "Everyone on my graduate intake seemed to have done an internship somewhere. Most "
        "were unpaid, in London, arranged through someone's uncle. I'd spent my summers in a "
        "warehouse.",
        ("I was offered a summer internship in London that paid nothing. I couldn't afford to "
         "live there for eight weeks on nothing, so I turned it down and told people I'd had a "
         "better offer.",
         "I turned down an unpaid internship too. It still annoys me that they existed."),
        "At my first assessment centre the other candidates talked about skiing and gap years "
        "while we waited. I didn't say a word until the interview.",
        "I didn't know what a vacation scheme was, or a training contract, or that you were "
        "supposed to apply for them in your second year. By the time I found out I'd missed "
        "the deadlines.",
        ("I heard 'good fit' a lot in my first year, and it took me a while to realise it "
         "often meant 'went to the same kind of school as me'.",
         "'Good fit' — yes. Thank you for naming it."),
    ),
    turning=(
        ("The firm uses contextual recruitment now, which looks at your grades against your "
         "school's results. My A levels were good for my school; next to a private school's, "
         "they looked average.",
         "Contextual recruitment is the reason I'm here too. More firms need to do it."),
        "A paid insight programme for students from state schools, with travel and "
        "accommodation covered, was my first time inside an office like this one.",
        "{mentor}, a partner who'd also gone to a comprehensive, told me: 'Nobody here is "
        "cleverer than you. Some of them just had a head start.'",
        "The network ran a session on the hidden curriculum: how to write to a client, what "
        "to wear to what, how to leave a drinks event. I wish I'd had it at twenty-one.",
        "I got a paid summer placement through a social mobility charity's programme. "
        "Without the pay I couldn't have done it.",
    ),
    advice=(
        "Never take an unpaid internship you can't afford. A good employer pays, and the ones "
        "that don't are telling you something.",
        "Apply anyway. The people who get these jobs aren't cleverer; they just heard about "
        "them earlier.",
        "Look for firms that use contextual recruitment and paid insight schemes. They're "
        "trying to find you.",
        "Your state school isn't a disadvantage to overcome. It's where you learned to work "
        "with everyone.",
        "The hidden rules can be learned. Find someone who'll tell you them honestly.",
    ),
    comments=(
        "State school to big firm here as well. So relatable.",
        "The hidden curriculum session was brilliant. Glad it helped someone else.",
        "Thank you for writing this. I'm sharing it with the graduate recruitment team.",
        "Paid insight weeks change lives. Great to see one in a story here.",
        "Nobody here is cleverer than you — I needed that today.",
    ),
)

BACKGROUNDS["neurodivergent"] = Background(
    tags=("Neurodivergent",), route="any", weight=1.3,
    titles=(
        "twenty-nine|Diagnosed at twenty-nine", "dyslexia|Dyslexic, and good with numbers",
        "The report|The report that finally explained me",
        "adjustments|Reasonable adjustments are reasonable",
        "ADHD|ADHD in an open-plan office", "try harder|The kid who could try harder",
        "headphones|Noise-cancelling headphones changed my career",
        "masked|Taking the mask off at work",
        "twelve pages|Thirty years explained in twelve pages",
        "buses|The kid who knew everything about buses",
        "Missed deadlines|Missed deadlines, and the reason why",
        "quiet room|A quiet room and two promotions",
    ),
    started=(
        "I grew up in {place}, and every school report said the same thing: bright, could try "
        "harder. Nobody tested me for anything. {Carer} worked {job} and didn't have time to "
        "fight the school.",
        "I wasn't diagnosed with dyslexia until my second year at work. At school in {place} "
        "I was just the one who couldn't spell, put in the bottom sets and left there.",
        "I'm autistic, though I didn't know it until I was twenty-nine. Growing up in {place} "
        "I was the quiet kid who knew everything about buses and nothing about how to join in.",
        "I have ADHD. Growing up in {place}, nobody in my family had heard of it in anyone "
        "but naughty boys, so I was just disorganised and forgetful.",
    ),
    hard=(
        ("Open-plan offices were torture: the noise, the lights, the interruptions. I'd go "
         "home exhausted without having done the work I was capable of.",
         "The open-plan office thing. I thought it was just me."),
        "Written tests at assessment centres were my nightmare. I knew the answers and "
        "couldn't get them down in time.",
        "For years I masked at work, copying how other people talked and dressed and joked. "
        "It was exhausting, and it looked like I was coping.",
        "I missed deadlines I cared about and couldn't explain why. Appraisals said 'needs to "
        "improve organisation' and I agreed, and it didn't help.",
    ),
    turning=(
        "A colleague noticed I struggled with long documents and suggested I get assessed. "
        "The report explained thirty years of my life in twelve pages.",
        ("My reasonable adjustments were simple: extra time for written tests, text-to-speech "
         "software and agendas before meetings. My rating went up a level the next year.",
         "Thank you for listing your adjustments. It helps to see how simple they can be."),
        "Noise-cancelling headphones and a quiet room for focused work, agreed in one "
        "conversation with {mentor}, my manager. I've been promoted twice since.",
        "The network's neurodiversity group made me feel normal for the first time. It turned "
        "out lots of us had the same tricks and the same exhaustion.",
    ),
    advice=(
        "If you think you might be neurodivergent, get assessed. The report is not a label; "
        "it's a manual.",
        "Ask for adjustments. They're usually cheap, simple and quick, and they're your right.",
        "You're not lazy. Systems built for one kind of brain make other kinds look lazy.",
        "Managers: ask people how they work best. Then believe the answer.",
    ),
    comments=(
        "Diagnosed as an adult too. 'Not a label, a manual' is perfect.",
        "Neurodiversity group member here. So glad you found us.",
        "'Could try harder' was on every one of my reports too. Reading this was a relief.",
        "Managers believing the answer is the bit that matters. Great story.",
    ),
)

BACKGROUNDS["armed_forces"] = Background(
    tags=("Career changer", "Left school at 16"), route="work", weight=0.9,
    titles=(
        "From the forces to an office", "Years in uniform, then a desk",
        "Civvy street was harder than basic training",
        "What the forces taught me about managing people", "Leaving {service} for an office",
        "rank|Rank, and other things that don't translate",
        "Section commander|Section commander means team leader",
        "sergeant|A sergeant without a CV",
        "under pressure|'You've led people under pressure'",
    ),
    started=(
        "I grew up in {place} and joined {service} at sixteen, because it was that or "
        "nothing. {Carer} worked {job} and was relieved I'd have a trade.",
        "I'm from {place}. I left school with not much and joined {service} at seventeen. I "
        "served for eleven years, mostly as an engineer.",
        "I joined {service} at eighteen from {place}, where the recruiting office was the "
        "only careers advice anyone got. Twelve years later I was a sergeant with no idea how "
        "to write a CV.",
    ),
    hard=(
        "Nobody in civilian life knew what my rank meant. I'd managed thirty people and "
        "millions of pounds of kit, and recruiters saw 'no degree, no office experience'.",
        "The culture shock was enormous. In the forces you're told exactly what's expected; "
        "in an office, so much is unsaid.",
        "I missed the structure and the people. The first year out, I felt completely alone.",
    ),
    turning=(
        "A veterans' employment programme translated my service record into civilian terms, "
        "and the firm guaranteed interviews to service leavers.",
        "{mentor}, an ex-forces manager here, told me to stop apologising for not having a "
        "degree: 'you've led people under pressure. Most managers here haven't.'",
        "The network's armed forces group helped me find my feet. People who understood "
        "where I'd come from made the difference.",
    ),
    advice=(
        "Service leavers: translate everything. 'Section commander' means 'team leader'. "
        "Recruiters can't read rank.",
        "Ask for help adjusting. Leaving the forces is a big change and there's no shame in "
        "finding it hard.",
        "Your discipline and your calm under pressure are worth a lot. Lead with them.",
    ),
    comments=(
        "Ex-forces here too. Civvy street was a shock for me as well.",
        "Translating rank into civilian terms is such good advice.",
        "The armed forces group is brilliant. Glad you found it.",
    ),
)

# Which backgrounds a member's profile bio (demo/content.py ORIGINS, CHALLENGES,
# TURNING_POINTS) points to, so a named story agrees with its author's profile.
# The first matching origin decides; the other sentences are used only without one.
BIO_ORIGIN_HINTS: dict[str, tuple[str, ...]] = {
    "first person in my family to go to university": (
        "first_in_family", "state_school_to_professional", "free_school_meals"),
    "left school at sixteen": ("left_school_at_16", "apprenticeship", "armed_forces",
                               "career_changer"),
    "free school meals": ("free_school_meals",),
    "English is my second language": ("grew_up_abroad",),
    "foster care": ("care_experienced",),
    "former mining town": ("regional_roots",),
    "corner shop": ("working_while_studying", "first_in_family", "free_school_meals"),
}
BIO_OTHER_HINTS: dict[str, tuple[str, ...]] = {
    "unpaid internship": ("state_school_to_professional",),
    "hid my accent": ("regional_roots",),
    "apprenticeship here": ("apprenticeship",),
    "study part-time in my thirties": ("working_while_studying", "returning_to_work"),
    "nights through my degree": ("free_school_meals", "first_in_family"),
    "failed my maths GCSE": ("left_school_at_16", "working_while_studying"),
}

# --- sentences any story can use --------------------------------------------------------------

# A second sentence about childhood (not for care or growing-up-abroad stories).
STARTED_TEXTURE = (
    "I was a reader: the library was warm, free and quiet, and I went through its shelves "
    "like a hungry person.",
    "I loved school when I could get there, especially maths, which made sense when nothing "
    "else did.",
    "Nobody I knew worked in an office. The grown-ups I knew worked shifts, and the shifts "
    "decided everything.",
    "Holidays meant a caravan at the coast if it had been a good year, and nothing if it "
    "hadn't.",
    "I had a Saturday job from fourteen, and I've worked ever since.",
    "We didn't have a computer at home until I was fifteen, so I did my coursework in the "
    "library after school.",
    ("The careers adviser at school told me to be realistic. I've been trying to work out "
     "what that meant ever since.",
     "'Be realistic.' Our careers adviser said exactly the same thing to me."),
    "I was the one who filled in forms for the family, which taught me more about "
    "bureaucracy than any job since.",
    "Our street looked after each other: somebody always had a spare key, a spare tenner or "
    "a spare dinner.",
    "I was quiet at school, one of those kids teachers forget they've got.",
    "We moved house three times before I was twelve, always when the rent went up.",
    "Our telly was on a meter. If you've never fed a telly pound coins, you won't understand.",
    "Tea was at five, in front of the telly, and nobody asked about homework.",
    "The ice-cream van and the library van were the two big events of the week on our street.",
    "I wore the same winter coat for four years, and it was second-hand when I got it.",
    "Our school had lost its sixth form before I started, so staying on meant two buses.",
    "Nobody on our street had a car, so everything happened within walking distance or not "
    "at all.",
    "I was good at school in a quiet way, which meant nobody noticed.",
    "The first time I saw the sea I was eleven, on a school trip somebody else paid for.",
    "Birthdays were a cake from the supermarket and half the street round for it.",
    "Most of my friends' older brothers went into the same two factories.",
    "Our house was the one everyone came to, because there was always someone in.",
    "I thought people who went to university were born knowing things I didn't.",
    "Our school uniform came from the swap shop at the community centre.",
)

HARD_ANY = (
    "I didn't understand how promotion worked. I thought if I kept my head down and did good "
    "work, someone would notice. For three years, nobody did.",
    "Networking events terrified me. I'd stand by the coffee, leave after twenty minutes and "
    "tell myself I'd try harder next time.",
    "Money was the thing nobody talked about. Colleagues would suggest lunch somewhere I "
    "couldn't afford and I'd say I'd brought something.",
    ("The first time I went to a client dinner I didn't know which knife to use. I copied "
     "the person opposite and hoped for the best.",
     "The knife and fork panic at client dinners! I still copy whoever's opposite."),
    "I had a lot of imposter syndrome. Every time I got something right, I put it down to "
    "luck.",
    "My first office job felt like a foreign country. People talked about touching base and "
    "circling back, and I nodded along and looked it up on the bus home.",
    ("I didn't have a suit for my first interview, so I borrowed one. It was two sizes too "
     "big and I spent the whole time worrying about the sleeves.",
     "The borrowed suit! Mine was my uncle's and smelled of his aftershave all day."),
    "Being asked what my parents did, at a work social, made my stomach drop every time.",
    "I had no idea you could negotiate a starting salary. I accepted the first number and "
    "thanked them for it.",
    "It took me years to realise people weren't born knowing how to talk in meetings. They'd "
    "practised at home, round dinner tables I'd never sat at.",
    "I didn't know anyone who could tell me whether what I was feeling was normal, so I "
    "assumed it wasn't.",
    "The small talk wore me out: holidays, skiing, the school everyone's children went to.",
    "I didn't know how to talk about myself in an interview without feeling like I was "
    "showing off.",
    "I was terrified of being found out, although I couldn't have told you what for.",
    "Email was its own language. I'd write one, rewrite it, and then not send it.",
    "I didn't understand that some meetings were where decisions were actually made and "
    "others were where they were announced.",
    "I assumed everyone else had a plan. It took me years to realise most of them were "
    "making it up too.",
    "I had no idea what a pension was, or why anyone my age would care.",
    "I'd never had a manager sit down and ask what I wanted from my career.",
    "I said yes to everything because I was frightened that saying no would be held "
    "against me.",
    "When people talked about 'the City' or 'the Square Mile' I had to look it up.",
    "I kept waiting for someone to tap me on the shoulder and tell me there'd been a "
    "mistake.",
    "Team away days meant paying for the train and the hotel up front, and waiting weeks "
    "for the money back.",
)
HARD_DEGREE = (
    "Everyone on my graduate intake seemed to know each other already, from school or "
    "university or the same summer internships.",
    "The graduate scheme had a dress code nobody wrote down. I worked it out by looking at "
    "what everyone else wore in week one.",
    "The student loan ran out every March. I learned to make a bag of pasta last a fortnight.",
)
HARD_WORK = (
    "In my first office role I was the only person on the team without a degree, and I "
    "assumed everyone could tell.",
    "People sometimes assumed I was junior to colleagues I was actually managing, because I "
    "didn't sound like a manager.",
    "Job adverts asked for degrees for roles I was already doing on the quiet.",
)
TURNING_ANY = (
    "{mentor}, my team leader at the time, sat me down and explained exactly what the next "
    "grade looked like and what I needed to show. Nobody had ever done that before.",
    "I joined this network and met someone from a town near mine who was now a director. It "
    "sounds small, but it changed what I thought was possible.",
    "I asked for feedback after being turned down for a promotion, and for once I got an "
    "honest answer. Six months later I got the role.",
    "A colleague invited me to shadow a board meeting. Seeing how decisions actually got made "
    "took away a lot of the mystery.",
    "Being mentored through the network's programme gave me a monthly hour with someone who'd "
    "been where I was.",
    "A secondment into another team, which I applied for expecting nothing, showed me I "
    "could do more than I'd thought.",
    "A manager put my name forward for a project I'd never have asked for. Being trusted "
    "with it changed how I saw myself.",
    "Someone told me, plainly, that I was good at my job. It sounds silly, but nobody ever "
    "had.",
    "I went to a network talk by someone with an accent like mine. I sat at the back and "
    "cried a little, then I signed up for mentoring.",
    "A colleague showed me how the grading system worked, on a napkin, in the canteen.",
    "I started saying yes to presenting. The first time was awful. The tenth time was fine.",
    "My manager let me shadow an interview panel so I could see what the other side looks "
    "for.",
    "The firm's flexible working policy meant I could keep a job I'd otherwise have had to "
    "leave.",
    "A director I'd never met replied to my email asking for advice, and then gave me an "
    "hour of her time.",
    "A colleague nominated me for the network's awards. I didn't win, but reading the "
    "nomination changed something.",
    "I finally asked my manager how promotion worked here, and got a straight answer.",
)

# "Where I am now" for a named author: a sentence about their real role, by where their
# job title sits on its career path, then (usually) what it means to them.
NOW_ROLE = {
    "entry": (
        "I joined {org} as {title_a} in {join_year}.",
        "Right now I'm {title_a}{in_team}.",
        "Today I'm {title_a}{in_team}, and it's my first job with a proper ladder.",
        "I'm {title_a}{in_team}, a couple of years in.",
        "These days I'm {title_a}{in_team}.",
    ),
    "specialist": (
        "I joined as {join_role_a} in {join_year} and I'm now {title_a}{in_team}.",
        "I'm {title_a} now.",
        "These days I'm {title_a}{in_team}.",
        "I started here as {join_role_a} in {join_year}. Now I'm {title_a}.",
        "I've been {title_a} for a couple of years now.",
        "I'm {title_a}{in_team}, which still sounds strange to say out loud.",
    ),
    "manager": (
        "These days I manage a team of {n} in {team}.",
        "I joined as {join_role_a} in {join_year}. Now I'm {title_a}, with {n} people in my "
        "team.",
        "I'm {title_a} now.",
        "Today I lead a team of {n}.",
        "I'm {title_a}{in_team}, responsible for {n} people and a budget that would once have "
        "terrified me.",
        "I started here as {join_role_a} in {join_year}; today I'm {title_a}{in_team}.",
    ),
}
REFLECTIONS = {
    "entry": (
        "It's a first step, and I know it is, but it's a step I didn't think I'd get to take.",
        "I have a development plan, a mentor and, for the first time, a sense of where I'm "
        "going.",
        "I've put my name down for the network's mentoring programme.",
        "I've started sitting in on the team's planning meetings to learn how the next job up "
        "works.",
        "My manager and I have written down what the next grade looks like, which nobody had "
        "ever done for me before.",
        "I'm working towards my first promotion and, for once, I know exactly what it takes.",
        "I'm not where I want to be yet, but I can see the road from here.",
        "Some days I still can't believe they pay me to learn this much.",
        "I'm the first person in my family with a workplace pension, which they find hilarious.",
        "I've booked my first professional exam for next spring.",
        "My first appraisal said 'ready for more'. I haven't framed it, but I've thought about "
        "it.",
        "I'm saving for the first time in my life, a little every month.",
    ),
    "specialist": (
        "I still get imposter syndrome, but I've learned it means I'm stretching, not failing.",
        "Last year I went back to my old school to talk to Year 11, and a boy at the back "
        "asked how much I earn. I told him.",
        "I'm the person new starters get sent to when they have a question they're "
        "embarrassed to ask.",
        "My job is interesting, well paid and secure, three things I'd never have put in the "
        "same sentence at sixteen.",
        "I mentor two people through the network who are where I was.",
        "I still keep my first staff pass in my desk drawer.",
        "I get asked for my opinion in rooms I used to be too nervous to walk into.",
        "I'm good at what I do, and I've finally stopped starting every sentence with 'I "
        "think'.",
        "I've just been asked to lead a project for the first time.",
        "People come to me for advice now, which still makes me laugh.",
        "I'm studying for {qual} now, paid for by the firm.",
        "I sit on the interview panel for our apprentices, and I look out for the quiet ones.",
    ),
    "manager": (
        "I try to be the manager I needed when I started.",
        "I make sure every one of them knows how promotion works here.",
        "I sit on the network's steering group, and I've changed how my team recruits: no more "
        "'cultural fit' on the scoresheet.",
        "Three of my team started as apprentices.",
        "When I interview people I always ask about their part-time jobs, because I know what "
        "they teach you.",
        "Every new starter in my team gets a written guide to the things nobody tells you, "
        "which I wrote from memory.",
        "I've promoted four people in two years, and two of them had never been told they were "
        "good before.",
        "Our team lunches are bring-your-own, and nobody has ever asked why.",
        "My one-to-ones start with 'how are you getting in, and what is it costing you?'",
        "I remember being the most junior person in the room, and I try to make sure nobody "
        "in mine feels like that for long.",
        "I say 'I don't know what that means' in meetings on purpose, so my team know they can.",
        "I hire for potential, not polish.",
    ),
}
# What it means, for anyone (no role, nothing that narrows down who they are).
REFLECTIONS_ANY = (
    "I'm proud of where I've got to, and prouder of where I started.",
    "Most days it still feels slightly unreal.",
    "I earn more than anyone in my family ever has, and I still check prices in the "
    "supermarket.",
    "I'm not finished yet.",
    "If you'd told me at sixteen I'd be doing this, I'd have laughed at you.",
    "I still feel like the kid from home most days, and I've decided that's a good thing.",
    "The work is hard and I love it.",
    "It's not a fairy tale. It's a job I'm good at, in a place that let me get good at it.",
    "Home still thinks I 'work in an office', and that's fine by me.",
    "I've stopped waiting for someone to find me out.",
    "I'm happier at work than I ever expected to be.",
    "I have savings now. I know that's not a career milestone, but it felt like one.",
    "The doubt hasn't gone, but it's quieter.",
    "I've learned that asking for help is part of the job, not a sign I can't do it.",
    "I take the stairs two at a time on good days. There are more good days than there were.",
    "I'm still the same person. I just know more of the rules now.",
    "I've found people here who get it, and that has made all the difference.",
    "What I do now would have sounded like a made-up job to me at fifteen.",
)
# "Where I am now" for an anonymous author: nothing that narrows down who they are.
NOW_ANONYMOUS = (
    "I'm doing well now: a good job, a team I like and a manager who gets it. Some days I "
    "still can't quite believe it.",
    "These days I manage people, which still surprises me. I try to be the manager I needed.",
    "I've been promoted twice in the last five years. I'm writing this anonymously because "
    "I'm not ready for everyone to know the whole story.",
    "Now I'm in a role I'm proud of, and I earn more than anyone in my family ever has. I'm "
    "posting without my name because some of this is still raw.",
    "I'm a few years into a career here and it's going well. Nobody at work knows most of "
    "this, which is why there's no name on it.",
    "I'm in a senior role now. I'd like people to know that someone in a job like mine came "
    "from where I came from, even if I can't yet say who I am.",
    "Life is steadier now. I have savings for the first time, a job I'm good at and "
    "colleagues who'd be surprised by this story.",
    "I'm settled here now, and well thought of. I've kept my name off this because the "
    "people in it are still around.",
    "I've done better than anyone expected, me included. I'd rather this story was read "
    "for what it says than for who wrote it.",
    "I have a career now, not just a job. Very few people here know where I started.",
    "Things are good. I'm writing this without my name so I can be honest about the bits "
    "that weren't.",
    "I'm doing a job I love. My family still don't really know what it is, and that's "
    "another reason this is anonymous.",
)
NOW_CODA = (
    "I still go back to {place} most weekends.",
    "I volunteer at a school near {place} once a term.",
    "I run the network's buddy scheme for new starters.",
    "I'm halfway through a part-time master's, paid for by the firm.",
    "On bad days I reread the emails people have sent me about my work. It helps.",
    "I still buy the big box of teabags for the team, because somebody once did that for me.",
    "I keep a photo of my first payday on my phone. It was a Tuesday, and I bought chips.",
    "I still have the letter that offered me my first job here.",
    "I try to reply to every message from a school that asks for a speaker.",
    "I send a card to my old form tutor every Christmas.",
    "I still take the bus to work. Old habits.",
    "Every September I give a talk to the new intake about the things nobody told me.",
    "I've started learning to drive, at last.",
    "On Fridays I still have chips for tea. Some traditions stay.",
    "I keep a list of the people who helped me, and I try to pass it on.",
)

ADVICE_ANY = (
    "Ask how promotion actually works. Ask early, ask specifically, and write down the "
    "answer.",
    "Find one person a few steps ahead of you and ask for twenty minutes of their time. Most "
    "people say yes.",
    "Imposter syndrome lies. Keep a file of the good things people say about your work and "
    "read it on bad days.",
    "Nobody knows what they're doing at first. The people who look confident have just been "
    "in rooms like this before.",
    "Join the network. Even if you only lurk for a year, hearing other people's stories helps.",
    "Take the study leave. Take the mentoring. Take the course. You're not taking anything "
    "from anyone by using what's there.",
    "If money is what stops you, say so. There's often help — advances, loans, hardship "
    "funds — but only if you ask.",
    "Negotiate your salary. The first number is rarely the last.",
    "Write down what you've achieved every month. When promotion time comes, you'll have the "
    "evidence.",
    "Be kind to the version of you that didn't know any of this yet.",
    "Say yes to the things that scare you a little. Say no to the things that scare you a "
    "lot, until you're ready.",
    "Keep in touch with the people who knew you before. They'll keep you honest.",
    "Read the job description for the role above yours. Then go and get evidence for each "
    "line.",
    "If you're the only one like you in a room, you might be the first. Make sure you're not "
    "the last.",
    "Don't wait to be picked. Put your hand up.",
    "Ask for feedback when you don't get something, and ask for the specifics.",
    "Learn how money works at work: pay bands, bonuses, pensions. Nobody explains it unless "
    "you ask.",
    "There is no right way to sound. There's only being clear.",
    "Your part-time job counts. So does your caring. So does everything you've survived.",
    "When someone offers to help, let them. When you can help, offer.",
    "Write things down: what you did, who helped, what you learned. Your future self will "
    "thank you.",
    "Find out what support exists before you need it. It's easier to ask when you're not "
    "desperate.",
    "Nobody will care about your career as much as you do, so take it seriously.",
    "You can be proud of where you're from and still want something different.",
    "Work out who makes the decisions about your next move and make sure they know your "
    "work.",
    "Go to the optional training. It's rarely optional for the people who get on.",
    "It's fine to not know what you want yet. Try things.",
    "Don't let one bad manager decide what you think of yourself.",
    "If you fail something, take a day, then take the resit.",
    "Don't apologise for taking up space in a meeting. You were invited.",
)
# A closing line some authors add in the free-text part.
POSTSCRIPTS = (
    "A note for managers reading this: ask people how they get to work, and what it costs "
    "them. You'll be surprised.",
    "If you've read this far, thank you. Writing it took me three attempts and a lot of tea.",
    "I've left some things out, because they're not only my story to tell.",
    "I'm happy for this to be shared with schools, if it helps anyone.",
    "If any of this sounds like you, the network is a good place to start. It was for me.",
    "I wrote most of this on the train home. Forgive the typos.",
)

TITLES_ANY = (
    "The long way round", "What I'd tell my younger self",
    "promotion works|Nobody told me how promotion works", "Learning the unwritten rules",
    "suit|Borrowed confidence", "The first in my street to wear a lanyard",
    "old school|Back to my old school", "mentor|What a mentor sees that you don't",
    "imposter|Imposter syndrome and me", "Not where I expected to be", "{place} made me",
    "The question I was afraid to ask", "A seat at a table I didn't know existed",
    "Slowly, then all at once", "apologis|The day I stopped apologising",
    "Still from {place}", "How I got here", "The job I didn't think was for me",
    "It took me ten years to write this", "Getting in was only the start",
    "Small steps from {place}", "Where I started, and where I am",
    "Nobody gave me the map", "The rules nobody wrote down", "I nearly didn't apply",
    "The interview I almost walked out of", "Not the usual route", "In my own words",
    "My roundabout route", "What it cost to get here", "The people who opened doors",
    "Where I come from is why I'm good at this", "Late bloomer, no apologies",
    "The day someone believed me", "One conversation that changed everything",
    "Taking up space", "Zero contacts, one chance", "The long game",
    "From the outside looking in", "Climbing a ladder I couldn't see",
    "Permission I didn't need", "What I didn't know I didn't know",
    "old school|Why I say yes to school talks", "Finding my feet",
    "The confidence came later", "A different starting line", "Worth the wait",
    "I belong here too", "My sixteen-year-old self would not believe this",
    "Honest about where I started", "Learning to ask", "Not a straight line",
    "manager|The kindness of a good manager", "What I carry with me",
    "Late to the party, and glad I came", "No shortcuts, no regrets",
    "Some of us had to find the door first", "How I stopped waiting to be noticed",
    "The first time I felt I'd earned it", "Nobody handed me a ladder",
    "I used to think this wasn't for people like me",
    "Being the first is lonely, until it isn't", "The kindest thing a stranger did",
    "Small town, big questions", "Good enough all along", "The short version of a long story",
    "Proof it can be done", "Things I learned the hard way", "Keeping my roots, changing my route",
    "You don't have to sound like them", "money|What money did to my twenties",
    "The job that gave me a ladder", "I didn't have a plan, and that was fine",
    "Ordinary, and proud of it", "Everything I nearly didn't do",
    "From the back row to the front", "The chip on my shoulder, and what I did with it",
    "Luck, help and hard work", "Someone like me", "The gap between clever and confident",
    "What nobody saw", "No one told me I could", "One foot in each world",
    "Becoming the person I needed", "The unglamorous truth about getting on",
    "How I got over myself", "university|What university was really like for me",
    "apprentice|Learning on the job", "accent|The voice I kept",
    "promotion|What my first promotion taught me",
    "mentor|The mentor I didn't know I needed", "manager|The manager who changed my mind",
    "network|Why I joined the network", "school|What school didn't teach me",
    "Learning the job, learning the room", "Getting comfortable being uncomfortable",
    "Still figuring it out", "The people who made it possible", "I'm still the same person",
    "Starting from somewhere else", "What I wish my teachers had known",
    "There is no single route", "The advice I ignored, and the advice I took",
    "Nobody's born knowing this", "The thing about being first",
    "A ladder with missing rungs", "Late nights and second chances", "Why I'm writing this now",
    "My story, plainly told",
)
# Only for named authors who have moved up: their real first and current roles.
TITLES_PROMOTED = (
    "From {join_role} to {title}", "{join_role} in {join_year}, {title} today",
)

# --- comments on stories ---------------------------------------------------------------------

# Fit any story, named or anonymous: no names, no invitations.
COMMENTS_ANY = (
    "Thank you for sharing this. It can't have been easy to write.",
    "This is so close to my own story. I'm saving it to read again on bad days.",
    "I'm going to send this to my niece, who's just started her first job.",
    "This should be compulsory reading for every new manager.",
    "Really glad you wrote this. It helps more people than you'll know.",
    "So much of this rings true. Thank you.",
    "I read this twice. The advice at the end is spot on.",
    "Thank you for putting words to something I've never managed to explain.",
    "Honest, generous and useful. Thank you.",
    "I needed to read this today.",
    "Brilliant. Sharing with my team.",
    "As someone who's just started here, this is really reassuring.",
    "This made me think about my own first year. Thank you.",
    "What a journey. Thanks for trusting us with it.",
    "I'm a manager and this is going to change how I run my one-to-ones.",
    "Every new starter should read this in their first week.",
    "I recognise so much of myself in this. Thank you for being brave enough to post it.",
    "Beautifully written.",
)
# Only on named stories: these speak to the author by first name, and some ask to meet.
COMMENTS_NAMED = (
    "{first}, I had no idea you'd been through this. Thank you for being so open.",
    "Brilliant story, {first}. Would you be up for doing a school talk with me next term?",
    "{first}, could this go in the pack for our new apprentices, if that's OK with you?",
    "Thank you, {first}. Fancy a coffee next time you're in the office? I'd love to hear "
    "more.",
    "{first}, we should get you on the panel at the next network event.",
    "So proud to work with you, {first}.",
    "{first}, I'd love to talk to you about mentoring. Drop me a message if you're up for it.",
    "Loved reading this, {first}. You've come such a long way.",
)
# Named stories: point a colleague at it (``{handle}`` is a real member's handle).
COMMENTS_MENTION = (
    "@{handle} this is the story I was telling you about.",
    "@{handle} you'll like this one — it's a lot like what you said at the coffee morning.",
    "Sharing with @{handle}, who's thinking about the same route.",
)
# Answers to someone else's comment: agreement that fits under any comment.
COMMENT_ANSWERS = (
    "Same here. It's good to know it wasn't just me.",
    "Exactly this.",
    "Agreed — and thank you for saying so.",
    "I felt the same reading it.",
    "Yes! I was going to write almost exactly the same thing.",
    "Couldn't agree more.",
    "This comment section is making my day.",
)
# The author answering on their own story (anonymously, if the story is anonymous).
AUTHOR_THANKS = (
    "Thank you, all of you. I nearly didn't post this and I'm glad I did.",
    "I've read every comment. Thank you — it means more than I can say.",
    "Thank you. I hope it helps someone who's where I was.",
    "This has made my week. Thank you.",
    "I didn't expect so many people to say 'me too'. Thank you for reading.",
)

# --- discussions -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ThreadSpec:
    """One discussion. ``replies`` come in order (a few may be left out, never the
    first, which ``follow_up`` may thank for); ``offers``
    (offers to meet or message) only when the thread is named; ``follow_up`` is the
    author coming back at the end; ``anonymous`` is how likely it is to be posted
    anonymously where the category allows it."""

    category: str
    title: str
    body: str
    kind: str
    replies: tuple[str, ...]
    offers: tuple[str, ...] = ()
    follow_up: str = ""
    anonymous: float = 0.7


THREADS: tuple[ThreadSpec, ...] = (
    # getting started
    ThreadSpec(
        "getting-started", "Hello from the Leeds contact centre",
        "Just joined after a colleague mentioned the network. First in family at uni, now "
        "three years into customer operations. Is there a meet-up in the north?", "discussion",
        ("Welcome aboard. The monthly coffee morning is online, so you don't have to travel.",
         "Hello from the Leeds office too, fourth floor. First in family here as well.",
         "There's also a northern meet-up every other month, usually in Leeds or Manchester. "
         "Keep an eye on Events and volunteering."),
        offers=("Come and say hi at the next meet-up — I'll be the one with the biscuits.",),
        follow_up="Thanks all — I've signed up for the coffee morning."),
    ThreadSpec(
        "getting-started", "What do people actually do in this network?",
        "I've signed up but I'm not sure what to expect. Is it mostly talks, mentoring, or "
        "something else?", "question",
        ("A bit of everything: mentoring, school talks, a monthly online coffee morning, and "
         "the stories section, which is where I started — just reading.",
         "Honestly, for the first year I just read the stories. Then I signed up as a mentee. "
         "Now I'm a mentor.",
         "The school talks are the best bit for me. An hour, fully supported, and the pupils "
         "ask brilliant questions.",
         "There are also the awards in the autumn. Worth nominating someone."),
        follow_up="This is really helpful, thank you. I'll start with the coffee morning."),
    ThreadSpec(
        "getting-started", "New starter — apprenticeship intake 2025",
        "Started last month as a finance apprentice. Any tips for the first year?", "question",
        ("Protect your college day. If work starts creeping into it, tell your line manager "
         "straight away.",
         "Keep a weekly log of what you did. You'll thank yourself at end-point assessment.",
         "Ask questions. Everyone expects apprentices to ask, and it's the quickest way to "
         "learn how things really work.",
         "Find the others on your intake and start a group chat. You'll need each other at "
         "exam time."),
        offers=("Finance apprentice from the 2021 intake here — happy to be your buddy if you "
                "want one.",)),
    ThreadSpec(
        "getting-started", "Lurker for a year, finally saying hello",
        "I've been reading the stories for about a year without posting. Today I wrote my own, "
        "with my name on it. Terrifying, but here goes.", "discussion",
        ("Welcome out of lurking! Well done for posting.",
         "It's always scary the first time. I'm glad you did it.",
         "Lurking is a completely valid way to be in the network, but it's nice to meet you."),
        follow_up="Thank you — the comments on my story have been lovely."),
    ThreadSpec(
        "getting-started", "Is the network only for people from a certain background?",
        "A colleague said I should join, but I went to a private school on a scholarship. Am I "
        "welcome?", "question",
        ("Yes, absolutely. The network is for anyone who cares about social mobility, "
         "whatever their background. Allies are welcome too.",
         "Scholarship kid here too. Being in a school where you didn't quite fit is exactly "
         "the kind of thing people talk about here.",
         "Welcome. Background questions are private and nobody checks. Come along.")),
    ThreadSpec(
        "getting-started", "Where do I find the mentoring sign-up?",
        "I'd like to find a mentor but I can't see where to sign up.", "question",
        ("It's under Mentoring in the top menu. The next round opens in September.",
         "If you miss the round, the network leads can sometimes match you outside it — worth "
         "asking.",
         "Do it! My mentor changed how I think about my career."),
        follow_up="Found it, thank you. Signed up for September."),
    # careers and progression
    ThreadSpec(
        "careers-and-progression", "How did you prepare for your first promotion panel?",
        "I've got a panel in three weeks for team leader. What do you wish you'd known?",
        "question",
        ("Practise saying 'I', not 'we'. I undersold myself because I kept crediting the team.",
         "Write down three examples for each thing they're assessing before you go in. It "
         "stops your mind going blank.",
         "Ask your manager for the competency framework and go through it line by line "
         "together.",
         "They expect you to be nervous. Take a breath, and ask them to repeat the question if "
         "you need to."),
        offers=("I sat on panels last year. Happy to do a mock with you if it helps — message "
                "me.",),
        follow_up="Update: I got it! Thank you, everyone. The 'I, not we' tip made a big "
                  "difference."),
    ThreadSpec(
        "careers-and-progression", "Is it worth doing the CIPD if I'm not in HR yet?",
        "I'm in customer ops and want to move into people roles. Would the qualification help, "
        "or should I look for a secondment first?", "question",
        ("I did it before I moved into HR. It helped, but the secondment is what actually got "
         "me the job.",
         "Try for a secondment first if you can. Experience now and the qualification later "
         "is a stronger combination.",
         "The firm pays for the CIPD if it's in your development plan. Get it in there.",
         "Talk to the HR business partners. Most of them are happy to explain how they got "
         "in.")),
    ThreadSpec(
        "careers-and-progression", "Asking for a pay rise without sounding ungrateful",
        "My family's view is that you should be glad of the job. How do others handle this?",
        "discussion",
        ("My family said the same. What changed my mind was realising the firm expects people "
         "to ask — it's part of the process.",
         "Ask for the pay range for your grade. It's published on the intranet, and knowing it "
         "makes the conversation less awkward.",
         "Go in with evidence: what you've delivered, what the role pays, what you're asking "
         "for. Then stop talking.",
         "Being grateful and being paid fairly aren't opposites.",
         "I rehearsed it with a friend three times before I asked. Worth it.")),
    ThreadSpec(
        "careers-and-progression", "Moving from operations into data",
        "Has anyone made this move? I'm learning SQL at night and don't know where to start "
        "with applications.", "question",
        ("SQL first, then a small project with real data from your own team. That's what got "
         "me the interview.",
         "The data apprenticeship is open to existing staff. I did it at thirty-two.",
         "Ask the analytics team what reporting your area needs. Building something they "
         "actually use is the best CV."),
        offers=("I moved from the contact centre into data three years ago. Happy to have a "
                "chat.",)),
    ThreadSpec(
        "careers-and-progression", "Secondments — how do they work here?",
        "I keep hearing people got their break through a secondment. Where are they "
        "advertised?", "question",
        ("They go on the internal jobs board under 'development opportunities'. Set up an "
         "alert.",
         "Your manager has to agree to release you, so have that conversation early.",
         "Mine was six months, and I went back to my old team with a completely different view "
         "of the business.",
         "Ask the network leads — sometimes secondments are shared informally before they're "
         "advertised.")),
    ThreadSpec(
        "careers-and-progression", "Part-time degree while working full time",
        "Thinking about the Open University. Has anyone done it alongside a full-time role?",
        "discussion",
        ("Took me six years part time, but it was worth it. Block out the same evenings every "
         "week and protect them.",
         "Check the study support policy before you pay anything. Fees and study leave are "
         "often covered.",
         "The flexible start dates were a lifesaver for me.",
         "Be realistic about the first module. It's a lot, and the second one feels easier.")),
    ThreadSpec(
        "careers-and-progression", "Writing a CV when your experience is 'just retail'",
        "Eight years in supermarkets, now applying internally. How do I make it count?",
        "question",
        ("Retail experience is brilliant: targets, rotas, difficult customers, stock control. "
         "Use the numbers.",
         "Replace 'helped customers' with what you actually did: 'resolved forty complaints a "
         "week, most without escalation'.",
         "Don't hide it. The hiring managers here value front-line experience."),
        offers=("I review CVs for the network's clinic. Send yours over if you'd like a second "
                "pair of eyes.",)),
    ThreadSpec(
        "careers-and-progression", "Did anyone get promoted while working part time?",
        "I work four days a week and I'm wondering whether that rules me out of team leader "
        "roles.", "question",
        ("Yes — I went from four days a week to team leader on four days a week. The role was "
         "advertised as flexible.",
         "Ask outright whether a role can be done part time. The answer is yes more often than "
         "the advert suggests.",
         "I job-share a manager role. It works really well.")),
    ThreadSpec(
        "careers-and-progression", "Feedback after a rejected internal application",
        "I didn't get the role and the feedback was 'not quite ready'. What do I do with that?",
        "discussion",
        ("Ask what 'ready' would look like, with specific examples. Then put those in your "
         "development plan.",
         "I got exactly the same feedback two years ago. I asked for a stretch project and got "
         "the next role.",
         "It stings. Give it a week before you decide anything.",
         "Ask whether you could shadow the person who got the role. Most people say yes.")),
    ThreadSpec(
        "careers-and-progression", "Imposter syndrome after a promotion",
        "Three months into a manager role and I'm convinced they've made a mistake.",
        "discussion",
        ("Everyone I know who's been promoted has felt this. It fades, usually around the "
         "six-month mark.",
         "Keep a folder of nice feedback. Read it on the bad days.",
         "The fact you're worried about doing it well is a good sign.",
         "The network's new managers' group meets monthly. It really helps to hear others say "
         "the same.")),
    ThreadSpec(
        "careers-and-progression", "Do I need a degree to apply for the graduate scheme?",
        "I've been here four years without a degree. Is the graduate scheme closed to me?",
        "question",
        ("No — there's an internal route for existing staff, and it doesn't ask for a degree.",
         "Check the careers page for the internal route. The closing date is usually in "
         "November.",
         "I applied without one and got through. Experience counted for a lot.")),
    ThreadSpec(
        "careers-and-progression",
        "Anyone done the level 4 data apprenticeship as an existing employee?",
        "My manager has suggested it. Is it manageable alongside the day job?", "question",
        ("Yes, finished last year. It's hard work, but you keep your salary and the firm pays "
         "the fees.",
         "Make sure your manager agrees to the off-the-job time in writing.",
         "The cohort is a mix of ages. I was the oldest at forty-one, and it didn't matter.")),
    # things I can't ask at work (anonymous posts welcome)
    ThreadSpec(
        "things-i-cant-ask-at-work", "Is it normal not to know what EBITDA means?",
        "Everyone says it in meetings and I nod. I'd rather not ask with my name on it.",
        "question",
        ("Very normal. It's earnings before interest, tax, depreciation and amortisation — "
         "roughly, profit from the day-to-day business before some accounting items.",
         "Honestly, ask. Half the room probably couldn't define it either.",
         "The finance team runs a 'finance for non-finance people' session every quarter. "
         "It's brilliant and nobody judges."),
        follow_up="Thank you — that makes sense now. I'll stop nodding and start asking."),
    ThreadSpec(
        "things-i-cant-ask-at-work", "Can't afford the team away day",
        "It's in London, with an overnight stay we pay for and claim back. I can't float that "
        "money. What do people do?", "question",
        ("The expenses team can pay hotels directly if you ask in advance. It's not "
         "advertised, but it's policy.",
         "I was in exactly the same position. The network leads sorted out an advance for me.",
         "Tell your manager. You won't be the only one, and it helps them push for central "
         "booking.",
         "Trains can be booked through the travel portal so they never touch your own card."),
        follow_up="Update: I asked, and they paid the hotel directly. Thank you, all."),
    ThreadSpec(
        "things-i-cant-ask-at-work", "How do I tell my manager I'm a carer?",
        "I'm worried it'll count against me for promotion.", "question",
        ("Tell them. The carers' policy is good and your manager can't use it against you. I "
         "did, and it made things easier.",
         "You could start with HR if you'd like to understand your options before talking to "
         "your manager.",
         "Promotion decisions look at your work, not your circumstances. Telling them helps "
         "them support you to do the work.",
         "There's a carers' group in the network. People there can tell you how it went for "
         "them.")),
    ThreadSpec(
        "things-i-cant-ask-at-work", "Dress code for client meetings",
        "What does 'smart casual' actually mean here? I don't want to get it wrong again.",
        "question",
        ("Smart casual here means no trainers and no jeans, basically. Nobody wears a tie.",
         "If in doubt, ask whoever's leading the meeting. Nobody minds.",
         "Look at what the client's people wear in the photos on their website, then go one "
         "notch smarter.",
         "There's no shame in getting it wrong once. Everyone has.")),
    ThreadSpec(
        "things-i-cant-ask-at-work", "Feeling like a fraud in meetings",
        "Everyone seems to speak so confidently. I prepare for hours and still freeze.",
        "discussion",
        ("A lot of that confidence is performance. Many of them are preparing for hours too.",
         "Try to speak in the first ten minutes, even just to agree with someone. It gets "
         "easier after that.",
         "Ask the chair for the agenda in advance. Knowing what's coming helps a lot.")),
    ThreadSpec(
        "things-i-cant-ask-at-work", "What do I say when people ask where I went to school?",
        "It comes up at every client lunch and I never know how to answer.", "question",
        ("Just say it. 'A comprehensive in Barnsley' is a complete answer.",
         "I used to dread it. Now I say it with a smile and move on, and nobody pushes.",
         "If someone makes a thing of it, that says more about them than about you.")),
    ThreadSpec(
        "things-i-cant-ask-at-work", "My family think I've 'gone posh'",
        "Every visit home I get teased about how I talk now. I feel like I don't belong "
        "anywhere.", "discussion",
        ("This is so common. Switching between the two is exhausting. You belong in both "
         "places.",
         "My family did the same. It eased off once they saw I hadn't changed underneath.",
         "The network ran a session on this last year — worth looking for the recording.")),
    ThreadSpec(
        "things-i-cant-ask-at-work", "Can I ask for an advance on my first salary?",
        "I start next month and the first pay day is five weeks away. I'm not sure I can "
        "manage.", "question",
        ("Yes. New starters can ask for a salary advance through HR. It's repaid over three "
         "months.",
         "I did this and nobody batted an eyelid. It's there for exactly this.",
         "Ask HR rather than your manager if that feels less awkward."),
        follow_up="Done — HR sorted it in two days. Such a relief."),
    ThreadSpec(
        "things-i-cant-ask-at-work", "How much do people actually put in leaving collections?",
        "There seems to be one every fortnight and it adds up.", "question",
        ("Whatever you can. A pound is fine. Nobody sees who gave what.",
         "I always put in the same small amount and sign the card. The card is what people "
         "remember.",
         "You can just sign the card. Honestly.")),
    ThreadSpec(
        "things-i-cant-ask-at-work", "What does 'executive presence' actually mean?",
        "It was in my appraisal as something to work on and I don't know where to start.",
        "question",
        ("It's one of those phrases that often means 'sounds like me'. Ask for specific "
         "examples of what they'd like to see.",
         "When I asked, it turned out to mean 'give a recommendation, not just options'. Much "
         "more useful.",
         "Ask them to describe someone who has it and what that person does. Then decide "
         "what's useful and what's just style.")),
    ThreadSpec(
        "things-i-cant-ask-at-work", "Is it obvious I didn't go to university?",
        "I sometimes feel everyone can tell from how I write.", "discussion",
        ("No. And even if it were, nobody here cares as much as you fear.",
         "I've worked here ten years and never once wondered who had a degree.",
         "Plenty of the senior team don't have degrees. You'd be surprised.")),
    ThreadSpec(
        "things-i-cant-ask-at-work", "Struggling with the cost of the commute",
        "Train fares have gone up again and they're a big chunk of my pay.", "question",
        ("Season ticket loans are interest free and come out of your salary. They save a lot "
         "compared with daily tickets.",
         "Ask your manager about moving your office days to off-peak ones.",
         "There's a cycle-to-work scheme too, if that's practical.")),
    ThreadSpec(
        "careers-and-progression", "How do I ask for a mentor outside my team?",
        "I'd like a mentor from a different part of the business but I don't know anyone "
        "there.", "question",
        ("Use the mentoring programme — you can ask to be matched with someone from a "
         "different area.",
         "I just emailed someone whose work I admired and asked for twenty minutes. They said "
         "yes.",
         "Be specific about what you want help with. People find it much easier to say yes.",
         "Cross-team mentors are great: they can tell you how other parts of the business "
         "really work.")),
    ThreadSpec(
        "careers-and-progression", "Leadership programme application — worth it?",
        "Applications for the emerging leaders programme close next month. Has anyone done "
        "it?", "discussion",
        ("I did it last year. The best part was the peer group, not the content.",
         "It's a big time commitment, so check your manager will back you.",
         "Apply. Worst case, you get feedback on your application.",
         "The people I met on it still help me now, three years on.")),
    ThreadSpec(
        "things-i-cant-ask-at-work", "How do I handle 'what did your parents do?'",
        "It comes up at every team social and I freeze.", "question",
        ("Keep it short: 'my mum was a cleaner.' Then ask them something back.",
         "I used to dodge it. Now I say it plainly, and most people are genuinely "
         "interested.",
         "You don't owe anyone your family history at a work social.",
         "Practise one sentence you're comfortable with. It stops the freeze.")),
    ThreadSpec(
        "things-i-cant-ask-at-work", "Borrowing money to move for a promotion",
        "I've been offered a role in another city but I can't cover a deposit and a month's "
        "rent up front.", "question",
        ("Ask about relocation support first. There's often a loan for the deposit.",
         "I did this. HR were discreet and sorted an advance within a week.",
         "Check whether the move can be phased, with some hybrid working while you find "
         "somewhere.",
         "Please don't take a payday loan. Ask HR first — honestly."),
        follow_up="Thank you. HR are setting up the relocation loan now."),
    ThreadSpec(
        "getting-started", "Coming back to the network after a break",
        "I was active a few years ago, then life got busy. What's changed?", "discussion",
        ("Welcome back!",
         "The coffee morning is still going, same time as ever.",
         "The mentoring programme is much bigger now — worth a look.",
         "Good to see you here again.")),
    # events and volunteering
    ThreadSpec(
        "events-and-volunteering", "Volunteers for a university insight day",
        "A university near our Birmingham office is bringing thirty first-year students from "
        "low-income backgrounds for an insight day. We need speakers and guides.",
        "discussion",
        ("Count me in — I'd have loved one of these.",
         "Could we make sure the students' travel is paid up front, not reimbursed?",
         "Happy to run a session on what a normal working day looks like.",
         "I'll bring a couple of our apprentices too.")),
    ThreadSpec(
        "events-and-volunteering", "Coffee morning — new time?",
        "We're thinking of moving the monthly coffee morning. What works for you?",
        "discussion",
        ("Earlier would be better for me.",
         "Could we alternate times so people on shifts can join?",
         "Friday mornings work really well.",
         "Whatever the time, please keep it online.")),
    ThreadSpec(
        "events-and-volunteering", "Volunteers needed: careers talks in Hull schools",
        "Three secondary schools have asked for speakers in March. An hour each, fully "
        "supported; a teacher is in the room throughout.", "discussion",
        ("I'll volunteer for the Hull schools. I went to one of them!",
         "Count me in. Do we get slides or do we bring our own?",
         "Can someone confirm the dates? I need to book leave."),
        offers=("Happy to pair up with a first-timer if anyone's nervous.",),
        follow_up="Thank you, everyone. I'll send round the sign-up form, with the dates "
                  "and the slides, this week."),
    ThreadSpec(
        "events-and-volunteering", "Mock interviews at a Manchester sixth-form college",
        "Looking for six people to run mock interviews for Year 13 students. Half a day in "
        "February.", "discussion",
        ("Count me in for the mock interviews.",
         "I did this last year. The students were brilliant and really well prepared.",
         "Is there a brief on what kind of roles they're applying for?")),
    ThreadSpec(
        "events-and-volunteering", "Summer social — where should we go?",
        "Last year's social was in London and lots of people couldn't come. Ideas for "
        "somewhere cheaper and easier to reach?", "discussion",
        ("Leeds or Birmingham would be much easier for most of us.",
         "Somewhere we don't need to spend much. A park picnic?",
         "Could we do one in the north and one in the south?",
         "Please not a bar — not everyone drinks.")),
    ThreadSpec(
        "events-and-volunteering", "Book club: memoirs about class and work",
        "Starting a monthly lunchtime book club reading memoirs and novels about class and "
        "work. Suggestions welcome.", "discussion",
        ("Love this idea. I'll be there.",
         "Could we alternate fiction and non-fiction?",
         "Online would work best for me — I'm in a different office from most of you.")),
    ThreadSpec(
        "events-and-volunteering", "Social Mobility Awareness Day — what should we do?",
        "We'd like to mark the day this year. What would you like to see?", "discussion",
        ("A panel of colleagues who came in by different routes — apprentices, graduates, "
         "career changers.",
         "Could we run a CV clinic open to the whole organisation?",
         "Share a few of the stories from here on the intranet that day?")),
    ThreadSpec(
        "events-and-volunteering", "Work experience week for Year 10s",
        "We're hosting twelve Year 10 pupils from two local schools in July. We need hosts for "
        "half-days.", "discussion",
        ("Our team can take two for a morning.",
         "Happy to host. Is there a safeguarding briefing?",
         "Yes — a short online briefing before the week, and a teacher is on site "
         "throughout.")),
    ThreadSpec(
        "events-and-volunteering", "Mentoring sign-up for the autumn round",
        "The autumn round of mentoring opens next week. Who's thinking of signing up?",
        "discussion",
        ("Signed up as a mentor for the first time.",
         "Mentee last year, mentor this year. Highly recommend both.",
         "How much time does it take? I'm worried about committing.",
         "About an hour a month, plus a bit of preparation. Very doable.")),
    ThreadSpec(
        "events-and-volunteering", "Reading volunteers for a primary school in Sunderland",
        "A primary school near our Sunderland office is looking for volunteers to hear children "
        "read, once a fortnight.", "discussion",
        ("I'd love to do this. Is it at lunchtime?",
         "My kids' school does this and it makes a huge difference.",
         "Count me in for the spring term.")),
    ThreadSpec(
        "events-and-volunteering", "Network awards — nominations open",
        "Nominations for this year's awards are open until the end of the month.",
        "discussion",
        ("Nominated my manager!",
         "Can you nominate yourself?",
         "Yes, self-nominations are welcome.",
         "Last year's ceremony was lovely. Go on, nominate someone.")),
    ThreadSpec(
        "events-and-volunteering", "CV clinic for sixth formers in Bradford",
        "A sixth-form college in Bradford would like help with CVs and personal statements "
        "over two afternoons.", "discussion",
        ("I'll do this one. I grew up ten minutes away.",
         "Count me in.",
         "Is it in person or online?")),
)


@dataclass(frozen=True)
class ThreadFamily:
    """Several discussions of one kind ("Anyone else from Hull?"), each with its own
    ``{slot}`` value, sharing a pool of replies written for that kind."""

    category: str
    title: str
    body: str
    kind: str
    slot: str
    values: tuple[str, ...]
    replies: tuple[str, ...]
    offers: tuple[str, ...] = ()
    anonymous: float = 0.7


TEAM_MOVES = (
    "Customer Operations|Data & Analytics", "Finance|Risk & Compliance",
    "Logistics|Technology", "Legal|People", "Marketing|Data & Analytics",
    "Customer Operations|People",
)
THREAD_FAMILIES: tuple[ThreadFamily, ...] = (
    ThreadFamily(
        "getting-started", "Anyone else from {value}?",
        "Just joined. I'd love to hear from anyone who grew up in or near {value}.",
        "discussion", "place", ("Hull", "Merthyr Tydfil", "Middlesbrough", "Derry", "Wigan"),
        ("Me! Grew up just outside {value}. My family are still there.",
         "Not {value} itself but about twenty minutes away. Hello, neighbour.",
         "I went to college in {value}. Lovely to see it mentioned here.",
         "My partner is from {value}. We go back most Christmases.",
         "Hello from another {value} exile.",
         "There are more of us than you'd think. There was a whole table of us at the last "
         "network social.",
         "Grew up there, moved away for work, moved back last year thanks to hybrid working.",
         "Welcome! You're not the only one — I'm from just down the road.")),
    ThreadFamily(
        "careers-and-progression", "Tips for moving from {from} into {to}?",
        "I've been in {from} for a few years and I'm curious about {to}. How did people make a "
        "move like this?", "question", "move", TEAM_MOVES[:4],
        ("Talk to people in {to} first. Most teams are happy to let you shadow for a day.",
         "I moved teams through a secondment. Six months, and they kept me.",
         "Look at the skills framework for the {to} roles and see where you already have "
         "evidence.",
         "What you know about how {from} works will be valuable in {to}. Lead with it.",
         "Ask your manager to put it in your development plan. It makes it official.",
         "Internal moves are encouraged here. Don't feel you have to hide that you're looking.",
         "I made almost exactly this move. The first three months were steep, but I don't "
         "regret it."),
        offers=("I made a move like this two years ago — happy to chat if you'd like.",)),
    ThreadFamily(
        "careers-and-progression", "Study leave for {value}",
        "Has anyone had study leave approved for {value}? How did you make the case?",
        "question", "qual", ("the ACCA", "the CIPD level 5", "CILEx", "the CIM diploma"),
        ("Yes. Put it in your development plan first; then the study support form is mostly a "
         "formality.",
         "I had five days a year plus exam days. Ask for the exam days separately — people "
         "forget.",
         "Link it to what the team needs. 'This will help me do X' works better than 'I'd "
         "like to'.",
         "The fees were paid in full for me. There's a clawback if you leave within a year of "
         "finishing, so check that.",
         "Good luck — it's hard work, but it opened a lot of doors for me.",
         "If your manager is unsure, the HR business partner can explain the policy to them.")),
    ThreadFamily(
        "events-and-volunteering", "Careers fair in {value} — volunteers?",
        "A sixth-form college in {value} has asked for volunteers for its careers fair on a "
        "weekday morning. Travel costs are covered.", "discussion", "place",
        ("Grimsby", "Port Talbot", "Blackpool", "Rochdale"),
        ("I'm in. I grew up near {value}, so it would be lovely to go back.",
         "Count me in if it's a Thursday.",
         "Can we bring apprentices? The students always want to hear from people nearer their "
         "age.",
         "I did the last one. Bring something to hand out — the students love a freebie.",
         "Happy to help. Is there a stand, or are we walking around?",
         "Signed up. Thanks for organising.")),
    ThreadFamily(
        "things-i-cant-ask-at-work", "Is it OK to say I grew up in {value}?",
        "People sometimes make jokes about {value}. I never know whether to laugh along or "
        "say something.", "question", "place", ("Jaywick", "Knowsley", "Clacton", "Corby"),
        ("It's more than OK. Anyone who jokes about where someone's from is telling you about "
         "themselves.",
         "I'm from a place people joke about too. Now I just say, 'it's a great place, "
         "actually,' and leave it there.",
         "You don't have to laugh along. A flat 'that's where my family lives' usually ends "
         "it.",
         "If it keeps happening, it's worth telling your manager. That sort of joke shouldn't "
         "be normal.",
         "Say it proudly. You'll find others from there too.")),
)

# Replies that fit any discussion.
REPLIES_ANY = (
    "This thread is so useful. Thank you, everyone.",
    "Following — I've wondered the same thing.",
    "Thanks for asking this. I'm sure you're not the only one.",
    "Really helpful answers here. Bookmarking.",
    "Great question, and great answers.",
)
# Named discussions only: point a colleague at the thread (``{handle}`` is real).
REPLIES_MENTION = (
    "@{handle} did something very like this last year — worth asking.",
    "Tagging @{handle}, who'll know more than me.",
)

# --- what the moderators have to look at --------------------------------------------------------

# Comments that break a rule, each with the flag a member raised about it.
FLAGGED_COMMENTS = (
    ("Same thing happened to me in Logistics. My old shift manager, Gary Whitlow, used to "
     "tell me I'd never get off nights. I'd love him to read this.",
     "This names a manager in another team — could it be edited?"),
    ("This is so true. Bev in our team went through the same when she was off for months "
     "with her depression, and nobody supported her either.",
     "I think this mentions a colleague's health condition."),
)
# Added to one story, which a member then flags as an advert.
ADVERT_ADVICE = (
    "If you're thinking about retraining, Brightpath Training's bookkeeping course is the "
    "best money I ever spent. Quote my name when you sign up and you'll get ten per cent "
    "off.")
ADVERT_FLAG_NOTE = "Feels more like an advert for a course than a story."
# Held by the watched word "payslip" until a moderator looks at it.
HELD_COMMENT = "Happy to share my payslip from my first year if it helps anyone compare."
# A reply a moderator edited: the phone number is in its history only.
PHONE_REPLY_TAIL = "\n\nHappy to talk it through: ring me on 07700 900314 any evening."
PHONE_EDIT_REASON = "Removed a personal phone number"
# Waiting for a moderator: an anonymous discussion, and an anonymous reply.
WAITING_THREAD = (
    "Feeling strange about money conversations",
    "I earn less than my partner's parents give them each month. Does anyone else feel "
    "strange about money conversations at work?")
WAITING_REPLY = (
    "I feel this. My manager talks about skiing holidays like everyone goes. I'm saving for "
    "a deposit on a flat and it feels like a different planet.")
# The member persona is mentioned in this reply (a real @mention of their handle).
PERSONA_MENTION = "Tagging @{handle}: {first} offered to help with this at the coffee morning."
PERSONA_COMMENT = (
    "This is the story I'll be pointing our new starters to. Thank you for writing it down.")
