# ruff: noqa: E501, RUF001
"""Lesson 1 of the self-study part: what AI is and how AI solutions work."""

LESSON = {
    "position": 1,
    "minutes": 30,
    "title_sv": "Vad är AI och hur fungerar AI-lösningar?",
    "title_en": "What AI is and how AI solutions work",
    "body_sv": """## Vad menar vi med AI?

AI, artificiell intelligens, är ett samlingsnamn för tekniker som låter datorer utföra uppgifter som vi brukar förknippa med mänskligt tänkande: att känna igen mönster, tolka språk och bilder, göra prognoser och ge förslag.

Det finns ingen definition som alla är överens om. EU:s AI-förordning beskriver ett AI-system ungefär så här: ett maskinbaserat system som med viss självständighet drar slutsatser av den indata det får och utifrån det skapar utdata, till exempel förutsägelser, innehåll, rekommendationer eller beslut.

Du behöver inte kunna bygga AI för att leda en verksamhet som använder den. Men du behöver förstå tillräckligt för att ställa rätt frågor och fatta välgrundade beslut.

## Från regler till exempel

Traditionella it-system följer regler som en människa har skrivit: om hushållets inkomst är under en viss gräns blir avgiften lägre. Maskininlärning, som är grunden för det mesta av dagens AI, fungerar på ett annat sätt. Systemet tränas på exempel – data – och hittar själv mönster som det sedan tillämpar på nya fall. I stället för att skriva reglerna visar man systemet många exempel.

Det får två viktiga följder:

- **Resultatet blir inte bättre än underlaget.** Om vissa grupper eller situationer saknas i träningsdata fungerar systemet sämre för dem.
- **Svaren är sannolikheter, inte sanningar.** En modell som sorterar inkommande e-post till rätt förvaltning kommer ibland att göra fel. Verksamheten måste veta hur ofta, och vad som händer då.

## Olika sorters AI

- **Prognoser och klassificering**, till exempel att bedöma vilka ärenden som sannolikt tar lång tid, eller att sortera röntgenbilder efter hur brådskande de ser ut att vara.
- **Tolkning av språk, tal och bild**, till exempel tal till text, översättning eller att läsa av inskickade blanketter.
- **Generativ AI**, där stora språkmodeller skriver, sammanfattar och svarar på frågor – i en chattjänst eller som stöd när en handläggare skriver ett utkast.

Generativ AI kan låta övertygande även när innehållet är fel. En språkmodell beräknar vilka ord som sannolikt passar härnäst; den slår inte upp fakta. Därför behövs kontroll mot källor och en människa som ansvarar för det som skickas ut.

## En AI-lösning är mer än en modell

Själva modellen är ofta den minsta delen av arbetet. En AI-lösning som fungerar i vardagen behöver också:

- data som samlas in, rensas och hålls aktuella
- koppling till de verksamhetssystem som redan finns
- arbetssätt: vem använder resultatet, och hur?
- uppföljning över tid, eftersom verkligheten förändras och modellen kan bli sämre
- tydligt ansvar, informationssäkerhet och regelefterlevnad

Tänk dig en kommun som vill låta en AI-assistent i kontaktcentret svara på vanliga frågor om bygglov och avfallshämtning. Tekniken går att köpa. Det svåra är att hålla kunskapsunderlaget uppdaterat, bestämma när frågan ska gå vidare till en handläggare och följa upp att svaren blir rätt.

## Vad det betyder för dig som ledare

AI är ett verktyg för verksamhetens mål, inte ett mål i sig. Börja med behovet: vad ska bli bättre för invånarna eller medarbetarna? Fråga sedan vilka data som finns, hur bra lösningen behöver vara, hur verksamheten märker när lösningen gör fel och vem som äger frågan. De frågorna återkommer genom hela kursen.
""",
    "body_en": """## What do we mean by AI?

AI, artificial intelligence, is an umbrella term for techniques that let computers carry out tasks we usually associate with human thinking: recognising patterns, interpreting language and images, making forecasts and offering suggestions.

There is no single definition that everyone agrees on. The EU AI Act describes an AI system roughly like this: a machine-based system that, with some degree of autonomy, draws conclusions from the input it receives and from that generates outputs such as predictions, content, recommendations or decisions.

You do not need to be able to build AI to lead an organisation that uses it. But you do need to understand enough to ask the right questions and make well-founded decisions.

## From rules to examples

Traditional IT systems follow rules that a person has written: if the household's income is below a certain limit, the fee is lower. Machine learning, which underlies most of today's AI, works differently. The system is trained on examples – data – and finds patterns on its own, which it then applies to new cases. Instead of writing the rules, you show the system many examples.

This has two important consequences:

- **The result is no better than what it learned from.** If certain groups or situations are missing from the training data, the system works less well for them.
- **The answers are probabilities, not truths.** A model that routes incoming email to the right department will sometimes get it wrong. The organisation needs to know how often, and what happens then.

## Different kinds of AI

- **Forecasting and classification**, for example estimating which cases are likely to take a long time, or sorting X-ray images by how urgent they appear to be.
- **Interpreting language, speech and images**, for example speech to text, translation or reading submitted forms.
- **Generative AI**, where large language models write, summarise and answer questions – in a chat service or as support when a case officer writes a draft.

Generative AI can sound convincing even when the content is wrong. A language model calculates which words are likely to come next; it does not look up facts. That is why you need checks against sources and a person who is responsible for what is sent out.

## An AI solution is more than a model

The model itself is often the smallest part of the work. An AI solution that works in everyday practice also needs:

- data that is collected, cleaned and kept up to date
- connections to the business systems already in place
- ways of working: who uses the result, and how?
- monitoring over time, because the world changes and the model can get worse
- clear responsibility, information security and compliance

Imagine a municipality that wants an AI assistant in its contact centre to answer common questions about building permits and waste collection. The technology can be bought. The hard part is keeping the knowledge base up to date, deciding when a question should be passed on to a case officer, and checking that the answers are correct.

## What this means for you as a leader

AI is a tool for the organisation's goals, not a goal in itself. Start with the need: what should get better for residents or staff? Then ask what data exists, how good the solution needs to be, how the organisation will notice when the solution makes mistakes, and who owns the issue. These questions come back throughout the course.
""",
    "questions": [
        {
            "text_sv": "Vad skiljer maskininlärning från ett traditionellt it-system?",
            "text_en": "What distinguishes machine learning from a traditional IT system?",
            "choices": [
                {
                    "text_sv": "Systemet hittar mönster i exempel i stället för att följa regler som någon har skrivit.",
                    "text_en": "The system finds patterns in examples instead of following rules that someone has written.",
                    "correct": True,
                    "feedback_sv": "Rätt – maskininlärning bygger på att systemet tränas på data, inte på handskrivna regler.",
                    "feedback_en": "Correct – machine learning is based on training the system on data, not on hand-written rules.",
                },
                {
                    "text_sv": "Systemet ger alltid samma svar som en erfaren handläggare skulle ha gett.",
                    "text_en": "The system always gives the same answer an experienced case officer would have given.",
                    "correct": False,
                    "feedback_sv": "Nej – svaren är sannolikheter, och systemet gör ibland fel som en människa inte skulle göra.",
                    "feedback_en": "No – the answers are probabilities, and the system sometimes makes mistakes a person would not make.",
                },
                {
                    "text_sv": "Systemet behöver inga data när det väl har tagits i bruk.",
                    "text_en": "The system needs no data once it has been put into use.",
                    "correct": False,
                    "feedback_sv": "Nej – lösningen behöver aktuella data och uppföljning, eftersom verkligheten förändras.",
                    "feedback_en": "No – the solution needs current data and monitoring, because the world changes.",
                },
            ],
        },
        {
            "text_sv": "En kommun inför en AI-assistent som svarar på frågor i kontaktcentret. Vad behövs utöver själva språkmodellen?",
            "text_en": "A municipality introduces an AI assistant that answers questions in its contact centre. What is needed besides the language model itself?",
            "choices": [
                {
                    "text_sv": "Ett kunskapsunderlag som någon ansvarar för att hålla uppdaterat.",
                    "text_en": "A knowledge base that someone is responsible for keeping up to date.",
                    "correct": True,
                    "feedback_sv": "Rätt – assistenten kan inte ge bättre svar än det underlag den har att utgå från.",
                    "feedback_en": "Correct – the assistant cannot give better answers than the material it draws on.",
                },
                {
                    "text_sv": "Rutiner för när en fråga ska gå vidare till en handläggare.",
                    "text_en": "Procedures for when a question should be passed on to a case officer.",
                    "correct": True,
                    "feedback_sv": "Rätt – alla frågor passar inte för en AI, och invånaren ska kunna nå en människa.",
                    "feedback_en": "Correct – not every question suits an AI, and residents should be able to reach a person.",
                },
                {
                    "text_sv": "Att välja den största modellen som finns på marknaden.",
                    "text_en": "Choosing the largest model on the market.",
                    "correct": False,
                    "feedback_sv": "Nej – storleken på modellen avgör sällan om lösningen fungerar; underlag, arbetssätt och uppföljning gör det.",
                    "feedback_en": "No – the size of the model rarely decides whether the solution works; data, ways of working and monitoring do.",
                },
                {
                    "text_sv": "Ingenting – när modellen är köpt sköter den sig själv.",
                    "text_en": "Nothing – once the model is bought, it looks after itself.",
                    "correct": False,
                    "feedback_sv": "Nej – en AI-lösning behöver data, ansvar och uppföljning så länge den används.",
                    "feedback_en": "No – an AI solution needs data, responsibility and monitoring for as long as it is used.",
                },
            ],
        },
        {
            "text_sv": "Varför kan en generativ AI-tjänst ge ett felaktigt svar som ändå låter trovärdigt?",
            "text_en": "Why can a generative AI service give a wrong answer that still sounds credible?",
            "choices": [
                {
                    "text_sv": "Den beräknar vilka ord som sannolikt passar härnäst i stället för att slå upp fakta.",
                    "text_en": "It calculates which words are likely to come next instead of looking up facts.",
                    "correct": True,
                    "feedback_sv": "Rätt – texten blir språkligt rimlig, men det garanterar inte att innehållet stämmer.",
                    "feedback_en": "Correct – the text reads well, but that does not guarantee that the content is right.",
                },
                {
                    "text_sv": "Den har alltid blivit manipulerad av någon utomstående.",
                    "text_en": "It has always been manipulated by an outsider.",
                    "correct": False,
                    "feedback_sv": "Nej – manipulation kan förekomma, men felaktiga svar uppstår även utan den, på grund av hur modellen fungerar.",
                    "feedback_en": "No – manipulation can happen, but wrong answers also occur without it, because of how the model works.",
                },
                {
                    "text_sv": "Den har inte tillräckligt med datorkraft för att tänka färdigt.",
                    "text_en": "It does not have enough computing power to finish thinking.",
                    "correct": False,
                    "feedback_sv": "Nej – mer datorkraft ändrar inte att modellen bygger på sannolikheter och inte kontrollerar fakta.",
                    "feedback_en": "No – more computing power does not change the fact that the model works on probabilities and does not check facts.",
                },
            ],
        },
    ],
}
