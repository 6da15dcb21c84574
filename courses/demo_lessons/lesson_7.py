# ruff: noqa: E501, RUF001
"""Lesson 7 of the self-study part: legal questions."""

LESSON = {
    "position": 7,
    "minutes": 40,
    "title_sv": "Juridiska frågor",
    "title_en": "Legal questions",
    "body_sv": """AI skapar få helt nya juridiska frågor för offentlig sektor, men många befintliga regler blir viktiga på nya sätt. Du behöver inte kunna detaljerna, men du behöver se till att jurister, dataskyddsombud och informationssäkerhet är med från början.

## Dataskyddsförordningen (GDPR)

När AI behandlar personuppgifter gäller GDPR fullt ut.

- Ni behöver en rättslig grund, oftast att behandlingen behövs för en uppgift av allmänt intresse eller för myndighetsutövning. Samtycke passar sällan, eftersom invånaren är i underläge.
- Använd bara de uppgifter som behövs, och bara för det ändamål de samlades in för – inte till exempel för att träna en modell.
- Gör en konsekvensbedömning innan ni börjar om risken kan vara hög.
- En leverantör som behandlar uppgifter åt er behöver ett personuppgiftsbiträdesavtal, men ansvaret ligger kvar hos er.
- Automatiserade beslut om enskilda kräver rättsligt stöd och omfattas av särskilda regler i GDPR. För kommuner och regioner har det varit oklart vad kommunallagen tillåter. Besluten ska alltid kunna motiveras och överklagas.

Tillsynsmyndigheten IMY har vägledning på https://www.imy.se.

## EU:s AI-förordning

AI-förordningen trädde i kraft den 1 augusti 2024 och börjar tillämpas stegvis. Den utgår från risk:

- **Förbjudet** sedan februari 2025: bland annat social poängsättning av människor och system som tolkar känslor hos anställda eller elever.
- **Hög risk**: till exempel AI som avgör antagning eller placering i skolan, bedömer rätt till offentliga stödinsatser eller används vid rekrytering. AI i medicintekniska produkter, som röntgentriage, kan också vara högrisk.
- **Krav på öppenhet**: en chattbot ska tala om att den är en AI.
- **Övrigt**, som ett stöd för att planera hemtjänstens körrutter, har inga särskilda krav.

Sedan februari 2025 ska organisationer som använder AI också se till att personalen har tillräcklig AI-kunnighet.

Som användare av ett högrisksystem ska ni bland annat följa leverantörens instruktioner, ha mänsklig tillsyn med rätt kompetens, spara loggar och informera dem som berörs. Offentliga organisationer ska i regel dessutom bedöma konsekvenserna för grundläggande rättigheter och registrera användningen i EU:s databas.

Enligt förordningen gäller de flesta högriskkraven från augusti 2026 och kraven för AI i reglerade produkter från augusti 2027. I november 2025 föreslog EU-kommissionen att en del av dessa datum skulle skjutas fram, så kontrollera vad som gäller nu på https://eur-lex.europa.eu.

## Offentlighetsprincipen

Handlingar som kommer in till eller upprättas hos en myndighet kan vara allmänna handlingar. Det gäller också frågor som invånare skriver till kommunens chattbot. Bestäm i förväg hur sådant ska registreras, gallras, arkiveras och lämnas ut på begäran.

## Sekretess

Offentlighets- och sekretesslagen (OSL) skyddar till exempel uppgifter inom socialtjänst och hälso- och sjukvård. Om sådana uppgifter lämnas till en extern AI-tjänst måste ni kunna visa att det inte är ett otillåtet röjande. Gör en rättslig bedömning för varje lösning och ge medarbetarna tydliga regler för vad de får skriva in i AI-tjänster.

## Offentlig upphandling

Köper ni AI gäller lagen om offentlig upphandling (LOU). Ställ krav på:

- var och hur uppgifterna behandlas och att de inte används för att träna leverantörens modeller utan ert medgivande
- dokumentation och att leverantören uppfyller AI-förordningen
- att ni kan få tillbaka era data och byta leverantör.

Även kostnadsfria AI-tjänster har villkor som ni måste granska.

## Att ta med dig

Ansvaret går inte att avtala bort. Ta in juridisk kompetens tidigt, så blir juridiken ett stöd i stället för ett hinder i sista stund.
""",
    "body_en": """AI raises few entirely new legal questions, but many existing rules matter in new ways. You need not know the details, but make sure that lawyers, the data protection officer and information security specialists are involved from the start.

## The General Data Protection Regulation (GDPR)

When AI processes personal data, the GDPR applies in full.

- You need a legal basis, usually that the processing is necessary for a task in the public interest or for the exercise of official authority. Consent rarely fits, because residents are in a weaker position.
- Use only the data you need, and only for the purpose it was collected for – not, for example, to train a model.
- Carry out an impact assessment before you start if the risk may be high.
- A supplier that processes data for you needs a data processing agreement, but the responsibility stays with you.
- Automated decisions about individuals need legal support and fall under special GDPR rules. For municipalities and regions, what the Local Government Act allows has been unclear. Decisions must always be explainable and open to appeal.

IMY has guidance at https://www.imy.se.

## The EU AI Act

The AI Act entered into force on 1 August 2024 and applies in stages. It is based on risk:

- **Prohibited** since February 2025: among other things, social scoring of people and systems that infer the emotions of employees or pupils.
- **High risk**: for example AI that decides school admission or placement, assesses eligibility for public support, or is used in recruitment. AI in medical devices, such as X-ray triage, may also be high risk.
- **Transparency requirements**: a chatbot must say that it is an AI.
- **Everything else**, such as a tool for planning home care routes, has no specific requirements.

Since February 2025, organisations using AI must also ensure sufficient AI literacy among staff.

As the deployer (user) of a high-risk system you must, among other things, follow the provider's instructions, ensure human oversight by competent people, keep logs and inform those affected. Public bodies must usually also assess the impact on fundamental rights and register their use in the EU database.

Under the Act, most high-risk requirements apply from August 2026 and those for AI in regulated products from August 2027. In November 2025 the European Commission proposed postponing some of these dates, so check what applies now at https://eur-lex.europa.eu.

## Public access to official records

Documents received or drawn up by a public authority may be official documents (allmänna handlingar), including questions residents type into the municipality's chatbot. Decide in advance how such material is registered, disposed of, archived and released on request.

## Secrecy

The Public Access to Information and Secrecy Act (OSL) protects, for example, information in social services and health care. If such information is passed to an external AI service, you must be able to show that this is not an unlawful disclosure. Assess each solution legally, and give staff clear rules on what they may enter into AI services.

## Public procurement

If you buy AI, the Public Procurement Act (LOU) applies. Set requirements on:

- where data is processed, and that it is not used to train the supplier's models without your consent
- documentation, and that the supplier complies with the AI Act
- being able to get your data back and switch supplier.

Free AI services also have terms you must review.

## Key takeaways

Responsibility cannot be contracted away. Bring in legal expertise early, so the law becomes a support rather than a last-minute obstacle.
""",
    "questions": [
        {
            "text_sv": "En kommun vill använda ett AI-system som föreslår vilken skola elever ska placeras i. Vad gäller enligt AI-förordningen? Välj två.",
            "text_en": "A municipality wants to use an AI system that suggests which school pupils should be placed in. What applies under the EU AI Act? Choose two.",
            "choices": [
                {
                    "text_sv": "Systemet räknas som högrisk.",
                    "text_en": "The system counts as high risk.",
                    "correct": True,
                    "feedback_sv": "Rätt – AI som avgör antagning eller placering i utbildning är uttryckligen högrisk.",
                    "feedback_en": "Correct – AI that decides admission or placement in education is explicitly high risk.",
                },
                {
                    "text_sv": "Kommunen ska bland annat ha mänsklig tillsyn och bedöma konsekvenserna för grundläggande rättigheter.",
                    "text_en": "The municipality must, among other things, ensure human oversight and assess the impact on fundamental rights.",
                    "correct": True,
                    "feedback_sv": "Rätt – det är krav på offentliga organisationer som använder högrisksystem.",
                    "feedback_en": "Correct – these are requirements on public bodies that use high-risk systems.",
                },
                {
                    "text_sv": "Systemet är förbjudet.",
                    "text_en": "The system is prohibited.",
                    "correct": False,
                    "feedback_sv": "Skolplacering är högrisk men inte förbjuden; förbuden gäller till exempel social poängsättning.",
                    "feedback_en": "School placement is high risk but not prohibited; the bans cover things like social scoring.",
                },
                {
                    "text_sv": "Kommunen har inga skyldigheter eftersom det är leverantören som har utvecklat systemet.",
                    "text_en": "The municipality has no obligations because the supplier developed the system.",
                    "correct": False,
                    "feedback_sv": "Även den som använder ett högrisksystem har egna skyldigheter enligt förordningen.",
                    "feedback_en": "Those who use a high-risk system also have their own obligations under the Act.",
                },
            ],
        },
        {
            "text_sv": "En myndighet vill använda AI som stöd i handläggningen av ärenden med personuppgifter. Vilken rättslig grund enligt GDPR är oftast rimligast?",
            "text_en": "An agency wants to use AI to support case handling involving personal data. Which legal basis under the GDPR is usually most appropriate?",
            "choices": [
                {
                    "text_sv": "Samtycke från den enskilde.",
                    "text_en": "Consent from the individual.",
                    "correct": False,
                    "feedback_sv": "Samtycke passar sällan eftersom den enskilde är i underläge mot myndigheten och inte kan välja fritt.",
                    "feedback_en": "Consent is rarely suitable because individuals are in a weaker position and cannot choose freely.",
                },
                {
                    "text_sv": "Att behandlingen behövs för en uppgift av allmänt intresse eller för myndighetsutövning.",
                    "text_en": "That the processing is necessary for a task in the public interest or for the exercise of official authority.",
                    "correct": True,
                    "feedback_sv": "Rätt – det är den vanliga grunden när offentlig sektor utför sina uppgifter.",
                    "feedback_en": "Correct – that is the usual basis when the public sector carries out its tasks.",
                },
                {
                    "text_sv": "Myndighetens berättigade intresse av att arbeta effektivt.",
                    "text_en": "The agency's legitimate interest in working efficiently.",
                    "correct": False,
                    "feedback_sv": "Myndigheter kan inte använda berättigat intresse för behandling när de utför sina uppgifter.",
                    "feedback_en": "Public authorities cannot rely on legitimate interest for processing in the performance of their tasks.",
                },
            ],
        },
        {
            "text_sv": "En journalist begär att få ta del av de frågor som invånare har skrivit till kommunens chattbot. Vad stämmer?",
            "text_en": "A journalist asks for access to the questions residents have typed into the municipality's chatbot. What is true?",
            "choices": [
                {
                    "text_sv": "Frågorna kan vara allmänna handlingar. Kommunen ska pröva begäran och om sekretess gäller för vissa uppgifter.",
                    "text_en": "The questions may be official documents. The municipality must consider the request and whether secrecy applies to some information.",
                    "correct": True,
                    "feedback_sv": "Rätt – offentlighetsprincipen gäller oavsett om handlingen har kommit in via en chattbot eller på annat sätt.",
                    "feedback_en": "Correct – the principle of public access applies whether a document came in through a chatbot or in another way.",
                },
                {
                    "text_sv": "Nej, sådant som hanteras av en AI är aldrig allmänna handlingar.",
                    "text_en": "No, material handled by an AI is never an official document.",
                    "correct": False,
                    "feedback_sv": "Tekniken avgör inte saken – det som kommer in till kommunen kan vara allmän handling.",
                    "feedback_en": "The technology does not decide the matter – what the municipality receives may be an official document.",
                },
                {
                    "text_sv": "Det är leverantören som avgör, eftersom uppgifterna finns hos leverantören.",
                    "text_en": "The supplier decides, because the data is stored by the supplier.",
                    "correct": False,
                    "feedback_sv": "Ansvaret ligger hos kommunen, även när uppgifterna lagras hos en leverantör.",
                    "feedback_en": "Responsibility lies with the municipality, even when the data is stored by a supplier.",
                },
            ],
        },
    ],
}
