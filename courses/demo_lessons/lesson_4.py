# ruff: noqa: E501, RUF001
"""Lesson 4 of the self-study part: accessible data."""

LESSON = {
    "position": 4,
    "minutes": 35,
    "title_sv": "Tillgängliga data",
    "title_en": "Accessible data",
    "body_sv": """## Utan data, ingen AI

En modell lär sig av data, och en AI-lösning i drift behöver aktuella data för att fungera. Innan du satsar på AI behöver du därför veta vilka data som finns, hur bra de är och om verksamheten får använda dem.

## Kvalitet är mer än att data finns

Data kan finnas och ändå vara oanvändbara. Fråga till exempel:

- **Fullständighet:** saknas uppgifter, fält eller hela grupper?
- **Korrekthet:** stämmer uppgifterna med verkligheten?
- **Aktualitet:** hur gamla är de, och uppdateras de?
- **Enhetlighet:** registreras samma sak på samma sätt i olika enheter och system?
- **Representativitet:** speglar data alla som lösningen ska användas för?

Historiska data speglar historiska beslut och arbetssätt. Om en myndighet tränar en modell på tidigare ärenden för att föreslå vilka ansökningar som ska utredas närmare, kan modellen upprepa gamla mönster – även sådana som var orättvisa. Är vissa grupper få i underlaget kan modellen dessutom fungera sämre för dem. Mer om det i lektionen om etik.

## Får vi använda dem?

Att ha data betyder inte att man får använda dem hur som helst.

- **Personuppgifter** omfattas av dataskyddsförordningen (GDPR). Uppgifter som har samlats in för ett ändamål får inte fritt användas för ett annat, varje behandling behöver en rättslig grund och man ska inte använda fler uppgifter än som behövs. Att träna en AI-modell på invånarnas ärenden är en ny behandling som måste bedömas.
- **Sekretess** enligt offentlighets- och sekretesslagen (OSL) begränsar vem som får ta del av uppgifterna. I en kommun är varje nämnd en egen myndighet, så uppgifter som omfattas av sekretess hos socialnämnden får inte utan vidare lämnas till en annan nämnd.

Integritetsskyddsmyndigheten, IMY, ger vägledning om dataskydd på [imy.se](https://www.imy.se). Juridiken fördjupar vi i lektion 7.

## Dela data mellan organisationer

Många värdefulla användningar kräver data från flera håll, till exempel när kommun och region samverkar kring personer som har både hemtjänst och hemsjukvård. För att dela data behövs både lagstöd och teknik: gemensamma begrepp och format, säkra sätt att utbyta uppgifter och avtal om vem som ansvarar för vad.

## Öppna data

Öppna data är data som offentliga aktörer publicerar så att vem som helst får använda dem, helst i maskinläsbar form och utan avgift. Det kan vara kartor, kollektivtrafik, statistik eller miljömätningar – normalt inte personuppgifter eller uppgifter som omfattas av sekretess. Lagen om den fortsatta användningen av data från den offentliga sektorn, som bygger på EU:s öppna data-direktiv, reglerar villkoren för att återanvända sådana data. På Sveriges dataportal, som Digg ansvarar för, finns data som offentliga aktörer har publicerat.

Öppna data är inte samma sak som offentlighetsprincipen. Rätten att ta del av allmänna handlingar betyder inte att handlingarna är publicerade som öppna data.

Öppna data kan bidra till AI på två sätt: dina egna lösningar kan använda andras data, och företag, forskare och andra kan bygga nya tjänster på data som din organisation publicerar.

## Styrning och ansvar

Data behöver ägare, precis som andra tillgångar. Någon ska ansvara för kvaliteten, det ska finnas beskrivningar av vad uppgifterna betyder (metadata) och informationen ska vara klassad efter hur känslig den är.

Som ledare kan du fråga: Vet vi vilka data vi har? Vem ansvarar för dem? Och finns det pengar för att hålla dem i ordning även när projektet är slut?
""",
    "body_en": """## No data, no AI

A model learns from data, and an AI solution in operation needs current data to work. Before you invest in AI, you therefore need to know what data exists, how good it is and whether the organisation is allowed to use it.

## Quality is more than data existing

Data can exist and still be unusable. Ask, for example:

- **Completeness:** are details, fields or whole groups missing?
- **Accuracy:** does the information match reality?
- **Timeliness:** how old is it, and is it updated?
- **Consistency:** is the same thing recorded in the same way across units and systems?
- **Representativeness:** does the data reflect everyone the solution will be used for?

Historical data reflects historical decisions and ways of working. If an agency trains a model on past cases to suggest which applications should be investigated further, the model may repeat old patterns – including unfair ones. If some groups are few in the data, the model may also work less well for them. More on this in the lesson on ethics.

## May we use it?

Holding data does not mean you may use it however you like.

- **Personal data** is covered by the General Data Protection Regulation (GDPR). Data collected for one purpose may not be freely used for another, every processing needs a legal basis, and no more data should be used than necessary. Training an AI model on residents' cases is a new processing that must be assessed.
- **Secrecy** under the Public Access to Information and Secrecy Act (OSL) limits who may access the information. In a municipality, each committee is a separate authority, so information covered by secrecy at the social welfare committee may not simply be passed on to another committee.

The Swedish Authority for Privacy Protection, IMY, provides guidance on data protection at [imy.se](https://www.imy.se). We go deeper into the legal side in lesson 7.

## Sharing data between organisations

Many valuable uses require data from several sources, for example when a municipality and a region work together on people who receive both home care and home health care. Sharing data requires both a legal basis and technology: shared concepts and formats, secure ways of exchanging information, and agreements on who is responsible for what.

## Open data

Open data is data that public organisations publish so that anyone may use it, preferably machine-readable and free of charge. It can be maps, public transport, statistics or environmental measurements – normally not personal data or information covered by secrecy. The Swedish act on the re-use of public sector data, based on the EU Open Data Directive, sets the conditions for re-using such data. Sweden's data portal, run by Digg, lists data that public organisations have published.

Open data is not the same as the principle of public access to official records. The right to read official documents does not mean that those documents are published as open data.

Open data can contribute to AI in two ways: your own solutions can use other organisations' data, and companies, researchers and others can build new services on data your organisation publishes.

## Governance and responsibility

Data needs owners, just like other assets. Someone should be responsible for its quality, there should be descriptions of what the data means (metadata), and the information should be classified by how sensitive it is.

As a leader, you can ask: Do we know what data we have? Who is responsible for it? And is there money to keep it in order after the project has ended?
""",
    "questions": [
        {
            "text_sv": "En kommuns kontaktcenter vill träna en AI-modell på invånarnas tidigare e-post. Vad behöver kommunen pröva innan den gör det?",
            "text_en": "A municipality's contact centre wants to train an AI model on residents' past emails. What does the municipality need to assess before doing so?",
            "choices": [
                {
                    "text_sv": "Om personuppgifterna får användas för det nya ändamålet och vilken rättslig grund som gäller.",
                    "text_en": "Whether the personal data may be used for the new purpose and what legal basis applies.",
                    "correct": True,
                    "feedback_sv": "Rätt – att träna en modell är en ny behandling av personuppgifter som måste bedömas enligt GDPR.",
                    "feedback_en": "Correct – training a model is a new processing of personal data that must be assessed under the GDPR.",
                },
                {
                    "text_sv": "Om e-posten innehåller uppgifter som omfattas av sekretess och vem som då får ta del av dem.",
                    "text_en": "Whether the emails contain information covered by secrecy and, if so, who may access it.",
                    "correct": True,
                    "feedback_sv": "Rätt – invånare skriver ofta om känsliga saker, och sekretess begränsar vem som får se uppgifterna.",
                    "feedback_en": "Correct – residents often write about sensitive matters, and secrecy limits who may see the information.",
                },
                {
                    "text_sv": "Ingenting – kommunen har redan e-posten och får därför använda den fritt.",
                    "text_en": "Nothing – the municipality already holds the emails and may therefore use them freely.",
                    "correct": False,
                    "feedback_sv": "Nej – att ha uppgifterna betyder inte att man får använda dem för vad som helst.",
                    "feedback_en": "No – holding the information does not mean it may be used for anything at all.",
                },
                {
                    "text_sv": "Bara att filformatet fungerar i AI-verktyget.",
                    "text_en": "Only that the file format works in the AI tool.",
                    "correct": False,
                    "feedback_sv": "Nej – tekniken är en del av frågan, men dataskydd och sekretess måste också prövas.",
                    "feedback_en": "No – the technology is part of the question, but data protection and secrecy must also be assessed.",
                },
            ],
        },
        {
            "text_sv": "En myndighet tränar en modell på tidigare ärenden för att föreslå vilka ansökningar som ska utredas närmare. Vilken risk är viktigast att hantera?",
            "text_en": "An agency trains a model on past cases to suggest which applications should be investigated further. Which risk is most important to manage?",
            "choices": [
                {
                    "text_sv": "Att modellen upprepar gamla mönster i besluten, även orättvisa, och fungerar sämre för grupper som är få i underlaget.",
                    "text_en": "That the model repeats old patterns in the decisions, including unfair ones, and works less well for groups that are few in the data.",
                    "correct": True,
                    "feedback_sv": "Rätt – historiska data speglar hur man tidigare har arbetat, med både styrkor och brister.",
                    "feedback_en": "Correct – historical data reflects how work was done before, with both strengths and flaws.",
                },
                {
                    "text_sv": "Att historiska data är för neutrala för att modellen ska lära sig något.",
                    "text_en": "That historical data is too neutral for the model to learn anything.",
                    "correct": False,
                    "feedback_sv": "Nej – historiska data är sällan neutrala; de bär med sig tidigare beslut och arbetssätt.",
                    "feedback_en": "No – historical data is rarely neutral; it carries earlier decisions and ways of working with it.",
                },
                {
                    "text_sv": "Att modellen blir för exakt när den har många ärenden att lära av.",
                    "text_en": "That the model becomes too accurate when it has many cases to learn from.",
                    "correct": False,
                    "feedback_sv": "Nej – mängden data hjälper inte om underlaget är skevt; det är kvaliteten och representativiteten som avgör.",
                    "feedback_en": "No – the amount of data does not help if the data is skewed; quality and representativeness are what matter.",
                },
            ],
        },
        {
            "text_sv": "Vad stämmer om öppna data?",
            "text_en": "What is true of open data?",
            "choices": [
                {
                    "text_sv": "Det är data som offentliga aktörer publicerar så att vem som helst får använda dem, normalt utan personuppgifter.",
                    "text_en": "It is data that public organisations publish so that anyone may use it, normally without personal data.",
                    "correct": True,
                    "feedback_sv": "Rätt – öppna data är till för att återanvändas, till exempel kartor, statistik och kollektivtrafik.",
                    "feedback_en": "Correct – open data is meant to be re-used, for example maps, statistics and public transport.",
                },
                {
                    "text_sv": "Alla allmänna handlingar är öppna data som vem som helst får använda till vad som helst.",
                    "text_en": "All official documents are open data that anyone may use for anything.",
                    "correct": False,
                    "feedback_sv": "Nej – rätten att ta del av allmänna handlingar är inte samma sak som att handlingarna publiceras som öppna data.",
                    "feedback_en": "No – the right to access official documents is not the same as the documents being published as open data.",
                },
                {
                    "text_sv": "Öppna data får bara användas av forskare.",
                    "text_en": "Open data may only be used by researchers.",
                    "correct": False,
                    "feedback_sv": "Nej – öppna data får användas av alla, även företag och andra offentliga aktörer.",
                    "feedback_en": "No – open data may be used by anyone, including companies and other public organisations.",
                },
            ],
        },
    ],
}
