# ruff: noqa: E501, RUF001
"""Lesson 3 of the self-study part: how digitalisation relates to AI."""

LESSON = {
    "position": 3,
    "minutes": 25,
    "title_sv": "Digitalisering och AI",
    "title_en": "Digitalisation and AI",
    "body_sv": """## Digitaliseringen är grunden

AI bygger på digitalisering. Ett system som ska lära av data eller hjälpa till i ett ärende kräver att informationen redan finns i digital form, i system som går att koppla ihop. Hur långt verksamheten har kommit med digitaliseringen avgör därför ofta vad som är möjligt med AI.

## Tre begrepp som ofta blandas ihop

- **Digitisering** betyder att information förs över till digital form, till exempel när pappersblanketter skannas.
- **Digitalisering** betyder att digital teknik används för att förändra hur verksamheten arbetar, till exempel en e-tjänst där uppgifterna kommer in strukturerat och kan hanteras direkt i verksamhetssystemet.
- **AI** kan bygga vidare på det. När uppgifterna finns i digital och strukturerad form kan de användas för att föreslå, prioritera, förutse eller sammanfatta.

En skannad blankett är digital, men för en dator är den i grunden en bild. En e-tjänst som samlar in rätt uppgifter i rätt fält ger ett helt annat underlag.

## Ett exempel från hemtjänsten

En hemtjänstenhet vill använda AI för att planera scheman och körvägar. Men besöken dokumenteras delvis på papper, schemat ligger i ett kalkylark och brukarnas insatser finns i ett annat system som inte går att koppla ihop med schemat.

Då är AI inte nästa steg. Först behöver besök, insatser och personal registreras digitalt, och systemen behöver kunna utbyta uppgifter. När det är på plats blir planeringen ofta bättre redan innan någon AI har införts.

## Automatisera inte det som inte fungerar

En krånglig eller otydlig process blir inte bättre av att automatiseras. Problemen riskerar i stället att upprepas snabbare och i större skala. Se därför över arbetssättet först: vilka steg behövs, vem gör vad och vilka regler gäller? Ofta leder genomgången till förbättringar som inte kräver någon AI alls.

## Generativ AI ändrar en del – men inte allt

Språkmodeller kan läsa fritext, skannade dokument och e-post. Det sänker tröskeln för att använda information som tidigare var svår att hantera. Men grundkraven finns kvar: systemet måste kunna komma åt informationen, det måste vara tillåtet att använda den, den måste skyddas och någon måste ansvara för kvaliteten.

## Gemensam infrastruktur

Alla behöver inte lösa allt på egen hand. Digg samordnar Ena, Sveriges digitala infrastruktur, som ska göra det lättare för offentliga aktörer att utbyta information säkert och på ett enhetligt sätt. Gemensamma standarder och begrepp gör både digitalisering och AI billigare och mer hållbar över tid. Läs mer på [digg.se](https://www.digg.se).

## Ledarskapet avgör

Digitalisering och AI är verksamhetsutveckling, inte bara it-projekt. Det som brukar avgöra är:

- att verksamheten äger frågan och har tydliga mål
- att det finns pengar för drift och förvaltning, inte bara för införandet
- att medarbetarna får tid och kompetens att ändra sina arbetssätt
- att nyttan följs upp, så att du vet om investeringen gav det som var tänkt

Som ledare kan du ställa tre frågor: Hur digital är den här processen i dag? Vilka system och data berörs? Och vem ansvarar för förändringen när projektet är slut?
""",
    "body_en": """## Digitalisation is the foundation

AI builds on digitalisation. A system that is to learn from data or help with a case needs the information to already be in digital form, in systems that can be connected. How far the organisation has come with digitalisation therefore often decides what is possible with AI.

## Three concepts that are often confused

- **Digitisation** means converting information into digital form, for example when paper forms are scanned.
- **Digitalisation** means using digital technology to change how the organisation works, for example an e-service where information arrives in a structured form and can be handled directly in the case management system.
- **AI** can build on that. When the information is digital and structured, it can be used to suggest, prioritise, forecast or summarise.

A scanned form is digital, but to a computer it is essentially a picture. An e-service that collects the right information in the right fields provides a completely different basis.

## An example from home care

A home care unit wants to use AI to plan schedules and routes. But visits are partly recorded on paper, the schedule is kept in a spreadsheet, and the care recipients' services are recorded in another system that cannot be connected to the schedule.

Then AI is not the next step. First, visits, services and staff need to be recorded digitally, and the systems need to be able to exchange information. Once that is in place, planning often improves even before any AI has been introduced.

## Do not automate what does not work

A complicated or unclear process does not get better by being automated. Instead, the problems risk being repeated faster and on a larger scale. So review the way of working first: which steps are needed, who does what, and which rules apply? The review often leads to improvements that need no AI at all.

## Generative AI changes some things – but not everything

Language models can read free text, scanned documents and email. This lowers the threshold for using information that used to be hard to handle. But the basic requirements remain: the system must be able to access the information, it must be permitted to use it, the information must be protected, and someone must be responsible for its quality.

## Shared infrastructure

Not everyone has to solve everything on their own. Digg, the Agency for Digital Government, coordinates Ena, Sweden's digital infrastructure, which is meant to make it easier for public organisations to exchange information securely and consistently. Shared standards and concepts make both digitalisation and AI cheaper and more sustainable over time. Read more at [digg.se](https://www.digg.se).

## Leadership decides

Digitalisation and AI are about developing the organisation, not just IT projects. What usually makes the difference is:

- that the business side owns the issue and has clear goals
- that there is money for operation and maintenance, not just for the introduction
- that staff get time and skills to change how they work
- that the benefits are followed up, so that you know whether the investment delivered what was intended

As a leader, you can ask three questions: How digital is this process today? Which systems and data are affected? And who is responsible for the change once the project is over?
""",
    "questions": [
        {
            "text_sv": "Vad är skillnaden mellan digitisering och digitalisering?",
            "text_en": "What is the difference between digitisation and digitalisation?",
            "choices": [
                {
                    "text_sv": "Digitisering för över information till digital form; digitalisering använder digital teknik för att förändra hur verksamheten arbetar.",
                    "text_en": "Digitisation converts information into digital form; digitalisation uses digital technology to change how the organisation works.",
                    "correct": True,
                    "feedback_sv": "Rätt – att skanna en blankett är digitisering, att bygga om arbetet kring en e-tjänst är digitalisering.",
                    "feedback_en": "Correct – scanning a form is digitisation; rebuilding the work around an e-service is digitalisation.",
                },
                {
                    "text_sv": "Det är två ord för samma sak.",
                    "text_en": "They are two words for the same thing.",
                    "correct": False,
                    "feedback_sv": "Nej – orden används ofta som synonymer, men de beskriver olika steg med olika nytta.",
                    "feedback_en": "No – the words are often used as synonyms, but they describe different steps with different benefits.",
                },
                {
                    "text_sv": "Digitalisering betyder att man inför AI.",
                    "text_en": "Digitalisation means introducing AI.",
                    "correct": False,
                    "feedback_sv": "Nej – AI kan vara en del av digitaliseringen, men digitalisering handlar om att förändra arbetet med digital teknik i stort.",
                    "feedback_en": "No – AI can be part of digitalisation, but digitalisation is about changing work with digital technology in general.",
                },
            ],
        },
        {
            "text_sv": "En hemtjänstenhet vill planera med hjälp av AI, men besöken dokumenteras på papper och schemat ligger i ett kalkylark. Vad är rimligt att göra först?",
            "text_en": "A home care unit wants to plan with the help of AI, but visits are recorded on paper and the schedule is kept in a spreadsheet. What is reasonable to do first?",
            "choices": [
                {
                    "text_sv": "Se till att besök, insatser och personal registreras digitalt och strukturerat.",
                    "text_en": "Make sure that visits, services and staff are recorded digitally and in a structured way.",
                    "correct": True,
                    "feedback_sv": "Rätt – utan digitala och strukturerade uppgifter finns inget underlag för AI att arbeta med.",
                    "feedback_en": "Correct – without digital, structured information there is nothing for AI to work with.",
                },
                {
                    "text_sv": "Se till att systemen för schema och insatser kan utbyta uppgifter.",
                    "text_en": "Make sure that the scheduling system and the care services system can exchange information.",
                    "correct": True,
                    "feedback_sv": "Rätt – planeringen kräver att uppgifterna från flera system går att använda tillsammans.",
                    "feedback_en": "Correct – planning requires that information from several systems can be used together.",
                },
                {
                    "text_sv": "Köpa ett avancerat AI-verktyg direkt och låta det lösa resten.",
                    "text_en": "Buy an advanced AI tool straight away and let it solve the rest.",
                    "correct": False,
                    "feedback_sv": "Nej – ett AI-verktyg kan inte kompensera för att grunddata saknas eller inte går att nå.",
                    "feedback_en": "No – an AI tool cannot make up for basic data that is missing or cannot be reached.",
                },
            ],
        },
        {
            "text_sv": "Vad händer ofta om man automatiserar en krånglig process med AI utan att först se över den?",
            "text_en": "What often happens if you automate a complicated process with AI without reviewing it first?",
            "choices": [
                {
                    "text_sv": "Problemen upprepas snabbare och i större skala.",
                    "text_en": "The problems are repeated faster and on a larger scale.",
                    "correct": True,
                    "feedback_sv": "Rätt – automatisering förstärker processen som den är, med dess brister.",
                    "feedback_en": "Correct – automation amplifies the process as it is, including its flaws.",
                },
                {
                    "text_sv": "AI:n upptäcker bristerna och rättar dem själv.",
                    "text_en": "The AI detects the flaws and corrects them on its own.",
                    "correct": False,
                    "feedback_sv": "Nej – AI följer de mönster och regler den har fått; att förbättra processen är verksamhetens uppgift.",
                    "feedback_en": "No – AI follows the patterns and rules it has been given; improving the process is the organisation's job.",
                },
                {
                    "text_sv": "Processen blir automatiskt enklare för invånarna.",
                    "text_en": "The process automatically becomes simpler for residents.",
                    "correct": False,
                    "feedback_sv": "Nej – en krånglig process kan bli lika krånglig för invånaren, bara snabbare.",
                    "feedback_en": "No – a complicated process can stay just as complicated for residents, only faster.",
                },
            ],
        },
    ],
}
