"""Words for the demo community: stories, discussions and replies a social-mobility
network in a UK employer could plausibly hold. No lorem ipsum; combined at random
(with a fixed seed) into a few hundred varied posts."""

PLACES = [
    "Hull", "Grimsby", "Merthyr Tydfil", "Blackpool", "Middlesbrough", "Stoke-on-Trent",
    "Barrow-in-Furness", "Oldham", "Sunderland", "Rhyl", "Great Yarmouth", "Dundee",
    "Wigan", "Mansfield", "Jaywick", "Derry", "Bradford", "Clacton", "Barnsley",
    "the Isle of Sheppey", "Tower Hamlets", "Knowsley", "Wolverhampton", "Port Talbot",
]

STARTED = [
    "I grew up in {place} with my mum and two brothers. She worked two cleaning jobs and I "
    "was on free school meals from the start of primary school.",
    "Home was a council flat in {place}. Dad drove a forklift on nights and Mum worked the "
    "tills at the Co-op. Nobody in my family had stayed in education past sixteen.",
    "I was born in {place} and moved five times before I was eleven, usually when the "
    "rent went up. I went to four different schools.",
    "My parents came to {place} from Bangladesh the year before I was born. English was my "
    "second language until I started school.",
    "I spent three years in foster care in {place}, then lived with my nan. She was the "
    "one who made sure I went to school every day.",
    "I grew up above my parents' takeaway in {place}. From the age of twelve I was on the "
    "counter every Friday and Saturday night.",
    "{place} was a town where the pit had closed before I was born. Most of the men on our "
    "street were on the sick or doing agency shifts.",
    "I was a young carer for my dad, who has MS. I did my homework in hospital waiting "
    "rooms in {place}.",
    "My mum had me at seventeen and we lived with my grandparents in {place}. I was the "
    "first in my family to sit A levels.",
    "I left school in {place} at sixteen with four GCSEs and went straight into a job "
    "stacking shelves on the night shift.",
    "We lived on a caravan site outside {place} for most of my childhood. Teachers didn't "
    "expect much of Traveller kids, and for a while neither did I.",
    "I grew up in {place}, where the careers adviser told me to look at the army or "
    "hairdressing. I did a year of hairdressing.",
    "My dad was a welder and my mum a dinner lady in {place}. We never went without, but "
    "there was never anything spare.",
    "I came to the UK from Poland at fourteen and started Year 10 in {place} knowing about "
    "fifty words of English.",
    "I was the kid in {place} who read everything in the library because we didn't have "
    "books at home. I didn't know that people like me went to university.",
]

HARD = [
    "At university everyone seemed to know each other from school or gap years. I worked "
    "twenty hours a week in a bar and still couldn't afford the field trip.",
    "My first office job felt like a foreign country. People talked about 'touching base' "
    "and 'circling back' and I nodded along, then went home and looked it up.",
    "I failed my maths GCSE twice. The third time I passed, at twenty-three, at night "
    "school, with my daughter asleep upstairs.",
    "I didn't have a suit for my first interview, so I borrowed my uncle's. It was two "
    "sizes too big and I spent the whole time worrying about the sleeves.",
    "Everyone on my graduate intake had done an internship somewhere. I'd done four years "
    "at a supermarket, and for a long time I didn't think that counted.",
    "I hid my accent for years. In meetings I'd rehearse what I was going to say so it came "
    "out 'properly', and by then the conversation had moved on.",
    "When I got the job offer I nearly turned it down: I couldn't afford the first month's "
    "rent and deposit before my first pay day.",
    "Networking events terrified me. I'd stand by the coffee, leave after twenty minutes "
    "and tell myself I'd try harder next time.",
    "I was the only person in my team who hadn't been to university, and I assumed "
    "everyone could tell.",
    "Money was the thing nobody talked about. Colleagues would suggest a team lunch at a "
    "place where a main was eighteen pounds and I'd say I'd brought something.",
    "I didn't understand how promotion worked here. I thought if I kept my head down and "
    "did good work, someone would notice. Nobody did, for three years.",
    "I had my first panic attack in a toilet cubicle on the fourth floor after a senior "
    "manager asked which school I'd been to.",
    "I was working full time and caring for my mum while studying for my accountancy "
    "exams. I failed one paper and nearly gave up on the whole thing.",
    "The first time I went to a client dinner I didn't know which knife to use. I copied "
    "the person opposite and hoped for the best.",
]

TURNING = [
    "A team leader, Sandra, sat me down and explained exactly what the next grade looked "
    "like and what I needed to show. Nobody had ever done that before.",
    "I joined this network and met someone from a town ten miles from mine who was now a "
    "director. It sounds small, but it changed what I thought was possible.",
    "The firm's apprenticeship scheme let me earn while I studied for a degree. I "
    "graduated at twenty-nine with no debt.",
    "A mentor through the network helped me rewrite my CV. She said 'you've been managing "
    "a team of six on nights for three years — write that down'.",
    "I applied for a secondment into the data team, expecting nothing. I got it, and I "
    "never went back.",
    "My manager paid for my CIPD qualification and gave me study leave. That was the "
    "first time I felt like someone was investing in me.",
    "A careers talk at my old school, by someone who sounded like me, made me apply for "
    "the apprenticeship I'm still grateful for.",
    "I stopped hiding my accent after a director told me it was the reason clients "
    "trusted me. I think about that a lot.",
    "The hardship fund at college paid for my bus pass. Without it I'd have dropped out "
    "in the first term.",
    "I asked for feedback after being turned down for promotion, and for once I got an "
    "honest answer. Six months later I got the role.",
    "Moving to part-time study at the Open University meant I could keep my job and still "
    "get the degree.",
    "A colleague invited me to shadow her at a board meeting. Seeing how decisions were "
    "actually made took away a lot of the mystery.",
]

NOW = [
    "These days I manage a team of {n} in {team}, and I try to be the manager I needed "
    "when I started.",
    "I'm now a {title} and I run our apprenticeship open evenings.",
    "I'm a {title} now. I still get imposter syndrome, but I've learned it means I'm "
    "stretching, not failing.",
    "Today I'm a {title}, I sit on the network's steering group and I mentor two people "
    "who are where I was.",
    "I lead a team of {n} and I've just started a part-time master's, paid for by the firm.",
    "I'm a {title} in {team}. Last year I went back to my old school to talk to Year 11.",
    "I'm a {title} and I earn more than my parents did combined. I send my mum flowers "
    "every pay day, because she earned it too.",
    "I'm now a {title}. My daughter tells her friends I'm 'the boss of the computers', "
    "which isn't true, but it makes every difficult day worth it.",
]

ADVICE = [
    "Ask how promotion actually works. Ask early, ask specifically, and write down the "
    "answer.",
    "Your background is not a gap in your CV. Running a household, caring for someone or "
    "working nights through college are skills.",
    "Find one person a few steps ahead of you and ask them for twenty minutes. Most "
    "people say yes.",
    "You don't have to change your accent. You might have to slow down a bit on video "
    "calls, and that's all.",
    "If the money is what stops you, say so. There is often help — relocation support, "
    "advances, hardship funds — but only if you ask.",
    "Imposter syndrome lies. Keep a file of the good things people say about your work "
    "and read it on bad days.",
    "Apprenticeships are not second best. I'd do it the same way again.",
    "Nobody knows what they're doing at first. The people who look confident have just "
    "been in rooms like this before.",
    "Join the network. Even if you only lurk for a year, hearing other people's stories "
    "helps.",
    "Take the study leave. Take the mentoring. Take the course. You're not taking "
    "anything from anyone by using what's there.",
]

TITLES = [
    "From the night shift to the boardroom", "The suit that didn't fit",
    "First in my family, and first in my team to say so", "What the careers adviser got wrong",
    "Learning the unwritten rules", "Four GCSEs and a plan", "I nearly turned the job down",
    "My accent is not a problem", "Apprentice at 25, manager at 32", "The bus at six every "
    "morning", "Nobody told me how promotion works", "Free school meals to finance business "
    "partner", "Maths at the third attempt", "Why I stopped hiding where I'm from",
    "The hardship fund that kept me in college", "From the takeaway counter to the trading "
    "floor", "A young carer's long way round", "Night school with a toddler",
    "Care leaver, now a team leader", "Fifty words of English", "What Sandra told me",
    "The knife and fork problem", "Borrowed confidence", "The secondment I didn't expect to "
    "get", "Money nobody talks about", "Saying yes to study leave", "Two cleaning jobs and a "
    "degree", "The first in my street to wear a lanyard", "Back to my old school",
    "What a mentor sees that you don't",
]

# (category slug, title, body, kind)
THREADS = [
    ("getting-started", "Hello from the Leeds contact centre",
     "Just joined after a colleague mentioned the network. First in family at uni, now "
     "three years into customer operations. Is there a meet-up in the north?", "discussion"),
    ("getting-started", "What do people actually do in this network?",
     "I've signed up but not sure what to expect. Is it mostly talks, mentoring, or "
     "something else?", "question"),
    ("getting-started", "New starter — apprenticeship intake 2025",
     "Started last month as a finance apprentice. Any tips for the first year?", "question"),
    ("careers-and-progression", "How did you prepare for your first promotion panel?",
     "I've got a panel in three weeks for team leader. What did you wish you'd known?",
     "question"),
    ("careers-and-progression", "Is it worth doing the CIPD if I'm not in HR yet?",
     "I'm in customer ops and want to move into people roles. Would the qualification "
     "help, or should I look for a secondment first?", "question"),
    ("careers-and-progression", "Asking for a pay rise without sounding ungrateful",
     "My family's view is you should be glad of the job. How do others handle this?",
     "discussion"),
    ("careers-and-progression", "Moving from operations into data",
     "Has anyone done this move? I'm learning SQL at night and don't know where to start "
     "with applications.", "question"),
    ("careers-and-progression", "Secondments — how do they work here?",
     "I keep hearing people got their break through a secondment. Where are they "
     "advertised?", "question"),
    ("careers-and-progression", "Part-time degree while working full time",
     "Thinking about the Open University. Anyone done it alongside a full-time role?",
     "discussion"),
    ("careers-and-progression", "Writing a CV when your experience is 'just retail'",
     "Eight years in supermarkets, now applying internally. How do I make it count?",
     "question"),
    ("things-i-cant-ask-at-work", "Is it normal not to know what EBITDA means?",
     "Everyone says it in meetings and I nod. I'd rather not ask with my name on it.",
     "question"),
    ("things-i-cant-ask-at-work", "Can't afford the team away day",
     "It's in London, with an overnight stay we pay for and claim back. I can't float "
     "that money. What do people do?", "question"),
    ("things-i-cant-ask-at-work", "How do I tell my manager I'm a carer?",
     "I'm worried it'll count against me for promotion.", "question"),
    ("things-i-cant-ask-at-work", "Dress code for client meetings",
     "What does 'smart casual' actually mean here? I don't want to get it wrong again.",
     "question"),
    ("events-and-volunteering", "Volunteers needed: careers talks in Hull schools",
     "Three secondary schools have asked for speakers in March. An hour each, fully "
     "supported, no DBS needed as a teacher will be there.", "discussion"),
    ("events-and-volunteering", "Mock interviews at Manchester College",
     "Looking for six people to run mock interviews for Year 13 students. Half a day in "
     "February.", "discussion"),
    ("events-and-volunteering", "Summer social — where should we go?",
     "Last year's social was in London and lots of people couldn't come. Ideas for "
     "somewhere cheaper and easier to reach?", "discussion"),
    ("events-and-volunteering", "Book club: 'Common People' by Kit de Waal",
     "Starting a monthly book club. First pick is the Common People anthology. All welcome.",
     "discussion"),
]

REPLIES = [
    "Same here. What helped me was asking my manager to walk me through the competency "
    "framework line by line.",
    "I did this two years ago. Happy to have a call if it helps — drop me a message.",
    "Write down three examples for each thing they're assessing before you go in. It "
    "stops your mind going blank.",
    "Honestly, ask. Nobody thinks less of you for it, and half the room probably doesn't "
    "know either.",
    "The expenses team can pay hotels directly if you ask in advance. It's not advertised "
    "but it's policy.",
    "I was in exactly the same position. The network leads sorted out an advance for me.",
    "Took me four years part time, but it was worth it. Block out the same evenings every "
    "week and protect them.",
    "Secondments go on the internal jobs board under 'development opportunities'. Set up "
    "an alert.",
    "Retail experience is brilliant: targets, rotas, difficult customers, stock control. "
    "Use the numbers.",
    "Smart casual here means no trainers and no jeans, basically. Nobody wears a tie.",
    "Tell them. The carers' policy is good and your manager can't use it against you. I "
    "did and it made things easier.",
    "I'll volunteer for the Hull schools. I went to one of them!",
    "Count me in for the mock interviews.",
    "Leeds or Birmingham would be much easier for most of us.",
    "Love this book. I'll be there.",
    "This thread is so useful. Thank you everyone.",
    "Ask for the pay range for your grade. It's published on the intranet, and knowing it "
    "makes the conversation a lot less awkward.",
    "My family said the same. What changed my mind was realising the firm expects people "
    "to ask — it's part of the process.",
    "SQL first, then a small project with real data from your team. That's what got me "
    "the interview.",
    "Welcome! The monthly coffee morning is a good place to start.",
]

COMMENTS = [
    "Thank you for sharing this. The bit about the suit made me laugh and then nearly cry.",
    "This is so close to my own story. I'm saving it to read again on bad days.",
    "I'm going to send this to my niece, who's just started her apprenticeship.",
    "'Your background is not a gap in your CV' — I needed to hear that today.",
    "I had no idea you'd been through this. Thank you for being so open.",
    "The advice about asking how promotion works is spot on.",
    "Me too with the accent. I'm going to stop apologising for it.",
    "Brilliant story. Would you be up for doing a school talk with me next term?",
    "This should be compulsory reading for every new manager.",
    "I was a young carer too. It's rare to see it written down like this.",
]

SENSITIVE_FLAG_NOTES = [
    "This names a manager in another team — could it be edited?",
    "I think this mentions a colleague's health condition.",
]
