# ruff: noqa: E501, RUF001
"""Lesson 6 of the self-study part: ethical questions."""

LESSON = {
    "position": 6,
    "minutes": 30,
    "title_sv": "Etiska frågor",
    "title_en": "Ethical questions",
    "body_sv": """Att något är lagligt betyder inte att det är klokt. Offentlig sektor utövar makt över människor som sällan kan välja någon annan. Därför räcker det inte att fråga om en AI-lösning fungerar. Du behöver också fråga för vem den fungerar, vem som kan skadas och hur den påverkar förtroendet för er.

Regeringsformen kräver redan att myndigheter ska behandla alla lika och vara sakliga och opartiska. De kraven gäller även när AI används som stöd för ett beslut.

## Snedvridning

En AI-modell lär sig av historiska data. Om tidigare beslut var skeva blir modellen det också – ofta utan att någon märker det. Data kan också sakna vissa grupper, till exempel personer som sällan har kontakt med myndigheter eller inte skriver på svenska.

Exempel: en kommun vill använda AI för att förutse vilka äldre som snart behöver mer hemtjänst. Om modellen tränas på vilka som tidigare har fått insatser kan den missa dem som behövde stöd men aldrig ansökte.

Det här kan du göra:

- Fråga hur lösningen har testats för olika grupper, till exempel utifrån kön, ålder och språk.
- Följ upp utfallet efter införandet, inte bara före.
- Se till att invånare och medarbetare enkelt kan säga till när något verkar fel.

## Öppenhet

Den som berörs av ett beslut ska kunna förstå varför det blev som det blev. Invånare ska veta när de skriver till en chattbot och inte till en människa, och hur de når en handläggare. Ni behöver också kunna förklara för politiker, revisorer och medier vad systemet gör, vilka data det använder och vilka brister det har.

Vissa modeller är svåra att förklara i detalj. Då blir det ännu viktigare att beskriva syftet, begränsningarna och hur människor kontrollerar resultatet.

## Mänsklig kontroll

”En människa fattar beslutet” låter tryggt. Men om handläggaren har många ärenden och systemet nästan alltid har rätt, blir kontrollen lätt en ren formalitet. Det kallas automationsbias: vi litar för mycket på maskinens förslag.

Verklig mänsklig kontroll kräver:

- tid och mandat att gå emot systemets förslag
- kunskap om när systemet brukar ha fel
- uppföljning av hur ofta förslagen ändras. Om ingen någonsin ändrar något är det en varningssignal.

## Förtroende

Förtroendet för offentlig sektor är en tillgång som är lätt att förlora. Ett enda uppmärksammat misstag, till exempel en automatiserad skolplacering som uppfattas som orättvis, kan skada förtroendet långt utöver den tjänst det gällde. Förtroende bygger ni genom att vara öppna med vad ni gör, börja där nyttan är tydlig och riskerna låga, och rätta fel snabbt.

## Medarbetarna

Etik handlar också om de egna medarbetarna. AI förändrar arbetsuppgifter och kan väcka oro. Involvera medarbetare och fackliga företrädare tidigt. Större förändringar kräver ofta förhandling enligt medbestämmandelagen.

## Att ta med dig

Ställ frågorna innan ni inför något: Vem gynnas? Vem kan drabbas? Hur märker vi om det går fel? Vem ansvarar? Ansvaret kan aldrig lämnas över till en maskin eller en leverantör.
""",
    "body_en": """Being legal does not make something wise. The public sector exercises power over people who can rarely go elsewhere. So it is not enough to ask whether an AI solution works. You also need to ask who it works for, who could be harmed and how it affects trust in your organisation.

The Swedish Instrument of Government already requires public authorities to treat everyone equally and to act objectively and impartially. Those requirements also apply when AI is used to support a decision.

## Bias

An AI model learns from historical data. If past decisions were skewed, the model will be too – often without anyone noticing. The data may also lack certain groups, such as people who rarely deal with public authorities or who do not write in Swedish.

Example: a municipality wants to use AI to predict which older people will soon need more home care. If the model is trained on who has received services in the past, it may miss those who needed support but never applied.

What you can do:

- Ask how the solution has been tested for different groups, for example by gender, age and language.
- Follow up the outcomes after introduction, not just before.
- Make sure residents and staff can easily report when something seems wrong.

## Transparency

Anyone affected by a decision should be able to understand why it turned out the way it did. Residents should know when they are writing to a chatbot rather than a person, and how to reach a case officer. You also need to be able to explain to politicians, auditors and the media what the system does, what data it uses and what its weaknesses are.

Some models are hard to explain in detail. That makes it even more important to describe the purpose, the limitations and how people check the results.

## Human oversight

“A human makes the decision” sounds reassuring. But if the case officer has many cases and the system is almost always right, the check easily becomes a mere formality. This is called automation bias: we trust the machine's suggestions too much.

Real human oversight requires:

- time and authority to go against the system's suggestion
- knowledge of when the system tends to be wrong
- follow-up of how often suggestions are changed. If nobody ever changes anything, that is a warning sign.

## Trust

Trust in the public sector is an asset that is easily lost. A single high-profile mistake, such as an automated school placement that is seen as unfair, can damage trust far beyond the service concerned. You build trust by being open about what you do, starting where the benefit is clear and the risks are low, and correcting mistakes quickly.

## Staff

Ethics also concerns your own staff. AI changes tasks and can cause concern. Involve staff and trade union representatives early. Major changes often require negotiation under the Co-Determination in the Workplace Act (medbestämmandelagen).

## Key takeaways

Ask the questions before you introduce anything: Who benefits? Who could be harmed? How will we notice if it goes wrong? Who is accountable? Accountability can never be handed over to a machine or a supplier.
""",
    "questions": [
        {
            "text_sv": "En kommun tränar en AI-modell på vilka äldre som tidigare har fått hemtjänst, för att förutse vilka som snart behöver mer stöd. Vilken är den största etiska risken?",
            "text_en": "A municipality trains an AI model on which older people have received home care in the past, to predict who will soon need more support. What is the main ethical risk?",
            "choices": [
                {
                    "text_sv": "Modellen kan missa personer som behöver stöd men som aldrig har ansökt.",
                    "text_en": "The model may miss people who need support but have never applied.",
                    "correct": True,
                    "feedback_sv": "Rätt – modellen upprepar mönstren i gamla beslut, och de som saknas i data syns inte.",
                    "feedback_en": "Correct – the model repeats the patterns in past decisions, and those missing from the data stay invisible.",
                },
                {
                    "text_sv": "Det finns ingen risk, eftersom en modell saknar egna åsikter och därför är neutral.",
                    "text_en": "There is no risk, because a model has no opinions of its own and is therefore neutral.",
                    "correct": False,
                    "feedback_sv": "En modell har inga åsikter, men den lär sig de skevheter som finns i de data den tränas på.",
                    "feedback_en": "A model has no opinions, but it learns the skews in the data it is trained on.",
                },
                {
                    "text_sv": "Risken är bara teknisk och försvinner om man väljer en större modell.",
                    "text_en": "The risk is purely technical and goes away if you choose a bigger model.",
                    "correct": False,
                    "feedback_sv": "Problemet sitter i data och i hur modellen används, inte i modellens storlek.",
                    "feedback_en": "The problem lies in the data and in how the model is used, not in the size of the model.",
                },
            ],
        },
        {
            "text_sv": "Vad krävs för att mänsklig kontroll av ett AI-stöd i handläggningen ska vara verklig? Välj två.",
            "text_en": "What is needed for human oversight of an AI tool in case handling to be real? Choose two.",
            "choices": [
                {
                    "text_sv": "Handläggaren har tid och mandat att gå emot systemets förslag.",
                    "text_en": "The case officer has the time and authority to go against the system's suggestion.",
                    "correct": True,
                    "feedback_sv": "Rätt – utan tid och mandat blir kontrollen en formalitet.",
                    "feedback_en": "Correct – without time and authority the check becomes a formality.",
                },
                {
                    "text_sv": "Organisationen följer upp hur ofta förslagen ändras.",
                    "text_en": "The organisation follows up how often the suggestions are changed.",
                    "correct": True,
                    "feedback_sv": "Rätt – om ingen någonsin ändrar något kan det tyda på automationsbias.",
                    "feedback_en": "Correct – if nobody ever changes anything, it may be a sign of automation bias.",
                },
                {
                    "text_sv": "En människa klickar på ”godkänn” för varje beslut.",
                    "text_en": "A person clicks “approve” for every decision.",
                    "correct": False,
                    "feedback_sv": "Ett klick räcker inte om personen i praktiken inte kan eller hinner pröva förslaget.",
                    "feedback_en": "A click is not enough if the person cannot, in practice, assess the suggestion.",
                },
                {
                    "text_sv": "Systemet döljer sina osäkerheter så att handläggaren inte blir förvirrad.",
                    "text_en": "The system hides its uncertainties so that the case officer does not get confused.",
                    "correct": False,
                    "feedback_sv": "Tvärtom – handläggaren behöver veta när systemet är osäkert för att kunna kontrollera det.",
                    "feedback_en": "On the contrary – the case officer needs to know when the system is uncertain in order to check it.",
                },
            ],
        },
        {
            "text_sv": "Kommunen inför en chattbot som svarar invånare dygnet runt. Vad är rätt utifrån kravet på öppenhet?",
            "text_en": "The municipality introduces a chatbot that answers residents around the clock. What is right in terms of transparency?",
            "choices": [
                {
                    "text_sv": "Att tydligt tala om att det är en AI och hur man når en människa.",
                    "text_en": "Clearly stating that it is an AI and how to reach a person.",
                    "correct": True,
                    "feedback_sv": "Rätt – invånaren ska veta vem eller vad hen har kontakt med och kunna välja en människa.",
                    "feedback_en": "Correct – residents should know who or what they are dealing with and be able to choose a person.",
                },
                {
                    "text_sv": "Att inte nämna att det är en AI, så att fler vågar använda tjänsten.",
                    "text_en": "Not mentioning that it is an AI, so that more people dare to use the service.",
                    "correct": False,
                    "feedback_sv": "Att dölja det skadar förtroendet, och AI-förordningen kräver att det framgår.",
                    "feedback_en": "Hiding it damages trust, and the EU AI Act requires it to be made clear.",
                },
                {
                    "text_sv": "Att bara berätta att det är en AI om invånaren frågar.",
                    "text_en": "Only saying that it is an AI if the resident asks.",
                    "correct": False,
                    "feedback_sv": "Invånaren ska inte behöva fråga – det ska framgå från början.",
                    "feedback_en": "Residents should not have to ask – it should be clear from the start.",
                },
            ],
        },
    ],
}
