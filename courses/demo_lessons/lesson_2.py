# ruff: noqa: E501, RUF001
"""Lesson 2 of the self-study part: possible uses of AI in the public sector."""

LESSON = {
    "position": 2,
    "minutes": 30,
    "title_sv": "Möjliga användningsområden i offentlig sektor",
    "title_en": "Possible uses in the public sector",
    "body_sv": """## Börja i behovet

Offentlig sektor har många uppgifter där AI kan göra nytta: stora mängder liknande ärenden, mycket text, återkommande bedömningar och på många håll svårt att rekrytera. Men nyttan kommer inte från tekniken i sig, utan från en verksamhet som fungerar bättre. Här är några områden där kommuner, regioner och myndigheter prövar eller använder AI.

## Service till invånare

I en kommuns kontaktcenter kan AI besvara vanliga frågor dygnet runt, sortera inkommande e-post till rätt förvaltning och omvandla tal till text så att samtal blir lättare att dokumentera. Översättning och stöd för klarspråk kan göra information begriplig för fler. Invånaren ska ändå kunna nå en människa, och det ska framgå när man har kontakt med en AI.

## Stöd i handläggning

På en myndighet kan AI sammanfatta omfattande ärenden, hitta relevanta tidigare beslut, kontrollera om en ansökan är komplett och föreslå vilka ärenden som bör prioriteras. Handläggaren fattar beslutet och ansvarar för det. Om och när beslut får fattas automatiskt styrs av lag, och det tar vi upp i lektionen om juridiska frågor.

## Planering och resursfördelning

I hemtjänsten kan ett planeringsstöd föreslå scheman och körvägar som tar hänsyn till brukarnas behov, personalens kompetens och restider. Prognoser kan visa hur behovet av förskoleplatser, skolplatser eller äldreomsorg utvecklas.

Vid skolplacering kan ett system räkna fram förslag utifrån regler och vårdnadshavares önskemål – men då måste reglerna vara rätt. Ett system som mäter avstånd fågelvägen i stället för verklig gångväg kan ge orimliga placeringar för barn som bor på andra sidan en älv eller en motorväg.

## Hälso- och sjukvård

En region kan använda AI för att prioritera röntgenbilder, så att bilder som kan visa allvarliga fynd hamnar först i radiologens arbetslista. Radiologen gör fortfarande bedömningen. AI som används för diagnos eller behandling är ofta en medicinteknisk produkt och omfattas då av särskilda regler utöver AI-förordningen.

## Internt stöd

Många börjar med AI som stöd för medarbetarna: att sammanfatta möten, skriva första utkast, söka i interna styrdokument eller besvara it-frågor. Det kan ge snabb nytta och bygger kunskap i organisationen. Det kräver ändå tydliga regler för vilken information som får matas in, särskilt personuppgifter och uppgifter som omfattas av sekretess.

## Var ska man börja?

Ett bra första användningsområde har ofta de här kännetecknen:

- ett tydligt problem och en ägare i verksamheten
- data som finns och som verksamheten får använda
- ett sätt att mäta om det faktiskt blir bättre
- fel som går att upptäcka och rätta innan de skadar någon
- medarbetare som är med från början

Ju större följder för enskilda människor, desto högre krav. AI som påverkar rätten till bistånd, utbildning eller anställning kan räknas som hög risk enligt AI-förordningen. Det går att arbeta med sådana områden, men inte utan ordentliga förberedelser.

## Dela erfarenheter

Sverige har 290 kommuner och 21 regioner som ofta har liknande behov. Det finns mycket att vinna på att dela erfarenheter och lösningar, till exempel genom SKR, inköpscentralen Adda eller nätverk mellan myndigheter, i stället för att alla börjar från noll.
""",
    "body_en": """## Start with the need

The public sector has many tasks where AI can help: large numbers of similar cases, a lot of text, recurring assessments and, in many places, difficulty recruiting. But the benefit does not come from the technology itself; it comes from an organisation that works better. Here are some areas where municipalities, regions and government agencies are trying out or using AI.

## Services for residents

In a municipality's contact centre, AI can answer common questions around the clock, route incoming email to the right department and turn speech into text so that calls are easier to document. Translation and support for plain language can make information understandable to more people. Residents should still be able to reach a person, and it should be clear when they are dealing with an AI.

## Support in case handling

At a government agency, AI can summarise extensive case files, find relevant earlier decisions, check whether an application is complete and suggest which cases should be prioritised. The case officer makes the decision and is responsible for it. Whether and when decisions may be made automatically is governed by law, and we cover that in the lesson on legal questions.

## Planning and allocating resources

In home care, a planning tool can suggest schedules and routes that take account of the care recipients' needs, the staff's skills and travel times. Forecasts can show how the need for preschool places, school places or elderly care is developing.

In school placement, a system can work out proposals based on rules and parents' preferences – but then the rules have to be right. A system that measures distance as the crow flies instead of the actual walking route can produce unreasonable placements for children who live on the other side of a river or a motorway.

## Health care

A region can use AI to prioritise X-ray images, so that images that may show serious findings come first in the radiologist's worklist. The radiologist still makes the assessment. AI used for diagnosis or treatment is often a medical device and is then covered by specific rules in addition to the AI Act.

## Internal support

Many organisations start with AI as support for staff: summarising meetings, writing first drafts, searching internal policy documents or answering IT questions. This can bring quick benefits and builds knowledge in the organisation. It still requires clear rules on what information may be entered, especially personal data and information covered by secrecy.

## Where to start?

A good first use case often has these features:

- a clear problem and an owner in the organisation
- data that exists and that the organisation is allowed to use
- a way to measure whether things actually get better
- errors that can be detected and corrected before they harm anyone
- staff who are involved from the start

The greater the consequences for individuals, the higher the demands. AI that affects access to social assistance, education or employment can count as high-risk under the AI Act. It is possible to work in these areas, but not without thorough preparation.

## Share experience

Sweden has 290 municipalities and 21 regions, which often have similar needs. There is a lot to gain from sharing experience and solutions, for example through SKR, the central purchasing body Adda or networks between agencies, instead of everyone starting from scratch.
""",
    "questions": [
        {
            "text_sv": "Vilka kännetecken talar för att ett användningsområde är ett bra ställe att börja med AI?",
            "text_en": "Which features suggest that a use case is a good place to start with AI?",
            "choices": [
                {
                    "text_sv": "Det finns ett tydligt problem, en ägare i verksamheten och ett sätt att mäta om det blir bättre.",
                    "text_en": "There is a clear problem, an owner in the organisation and a way to measure whether things get better.",
                    "correct": True,
                    "feedback_sv": "Rätt – utan ägare och mått är det svårt att veta om satsningen ger någon nytta.",
                    "feedback_en": "Correct – without an owner and a measure it is hard to know whether the effort brings any benefit.",
                },
                {
                    "text_sv": "Fel går att upptäcka och rätta innan de skadar någon.",
                    "text_en": "Errors can be detected and corrected before they harm anyone.",
                    "correct": True,
                    "feedback_sv": "Rätt – AI gör ibland fel, och i början är det klokt att välja områden där felen går att fånga upp.",
                    "feedback_en": "Correct – AI sometimes makes mistakes, and at the start it is wise to choose areas where mistakes can be caught.",
                },
                {
                    "text_sv": "Tekniken är ny och väcker uppmärksamhet i medierna.",
                    "text_en": "The technology is new and attracts media attention.",
                    "correct": False,
                    "feedback_sv": "Nej – uppmärksamhet är inget skäl i sig; nyttan ska komma från ett verkligt behov i verksamheten.",
                    "feedback_en": "No – attention is no reason in itself; the benefit should come from a real need in the organisation.",
                },
            ],
        },
        {
            "text_sv": "En region inför AI som prioriterar röntgenbilder i radiologens arbetslista. Vad gäller för radiologen?",
            "text_en": "A region introduces AI that prioritises X-ray images in the radiologist's worklist. What applies to the radiologist?",
            "choices": [
                {
                    "text_sv": "Radiologen gör fortfarande bedömningen, men bilder som kan visa allvarliga fynd kommer först.",
                    "text_en": "The radiologist still makes the assessment, but images that may show serious findings come first.",
                    "correct": True,
                    "feedback_sv": "Rätt – AI ändrar ordningen i arbetslistan, medan den medicinska bedömningen görs av radiologen.",
                    "feedback_en": "Correct – AI changes the order of the worklist, while the medical assessment is made by the radiologist.",
                },
                {
                    "text_sv": "Radiologen behöver bara granska de bilder som AI:n har markerat.",
                    "text_en": "The radiologist only needs to review the images the AI has flagged.",
                    "correct": False,
                    "feedback_sv": "Nej – i det här upplägget prioriterar AI:n bilderna, den sorterar inte bort några.",
                    "feedback_en": "No – in this set-up the AI prioritises the images; it does not remove any.",
                },
                {
                    "text_sv": "Ingen behöver följa upp systemet när det väl har godkänts.",
                    "text_en": "Nobody needs to monitor the system once it has been approved.",
                    "correct": False,
                    "feedback_sv": "Nej – resultatet behöver följas upp över tid, till exempel när utrustning eller patientgrupper förändras.",
                    "feedback_en": "No – the results need to be monitored over time, for example when equipment or patient groups change.",
                },
            ],
        },
        {
            "text_sv": "Varför börjar många organisationer med AI som internt stöd, till exempel för att sammanfatta möten, snarare än i beslut om enskilda?",
            "text_en": "Why do many organisations start with AI as internal support, for example to summarise meetings, rather than in decisions about individuals?",
            "choices": [
                {
                    "text_sv": "Följderna av fel är oftast mindre och lättare att rätta, samtidigt som organisationen bygger kunskap.",
                    "text_en": "The consequences of errors are usually smaller and easier to correct, while the organisation builds knowledge.",
                    "correct": True,
                    "feedback_sv": "Rätt – det är ett sätt att lära sig med lägre risk innan man tar sig an mer känsliga områden.",
                    "feedback_en": "Correct – it is a way to learn at lower risk before taking on more sensitive areas.",
                },
                {
                    "text_sv": "AI-förordningen gäller inte kommuner och regioner.",
                    "text_en": "The AI Act does not apply to municipalities and regions.",
                    "correct": False,
                    "feedback_sv": "Nej – AI-förordningen gäller även offentliga organisationer som använder AI.",
                    "feedback_en": "No – the AI Act also applies to public organisations that use AI.",
                },
                {
                    "text_sv": "Internt stöd kräver inga regler för vilken information som får matas in.",
                    "text_en": "Internal support needs no rules on what information may be entered.",
                    "correct": False,
                    "feedback_sv": "Nej – även internt behövs regler, särskilt för personuppgifter och uppgifter som omfattas av sekretess.",
                    "feedback_en": "No – internal use also needs rules, especially for personal data and information covered by secrecy.",
                },
            ],
        },
    ],
}
