# ruff: noqa: E501, RUF001
"""Lesson 5 of the self-study part: necessary technical choices."""

LESSON = {
    "position": 5,
    "minutes": 30,
    "title_sv": "Nödvändiga tekniska vägval",
    "title_en": "Necessary technical choices",
    "body_sv": """Som chef eller förtroendevald behöver du inte kunna tekniken i detalj. Men flera tekniska vägval påverkar ekonomi, säkerhet och handlingsfrihet i många år framåt. Därför ska de inte lämnas åt it-avdelningen eller leverantören ensamma.

## Köpa, anpassa eller bygga själv

I stort sett finns det tre vägar:

- **Köpa en färdig tjänst.** Det går snabbt att komma igång, men verksamheten får anpassa sig efter tjänsten. Exempel: en AI-funktion som sammanfattar möten i ett kontorsprogram som ni redan använder.
- **Anpassa en befintlig modell.** Ni använder en färdig språkmodell men kopplar den till egna texter, till exempel kommunens webbplats och riktlinjer. Då kan en chattbot i kontaktcenter svara på frågor om bygglov eller sophämtning utifrån det som gäller hos just er.
- **Bygga själv.** Det ger mest kontroll men kräver kompetens, data och långsiktig förvaltning. Det passar sällan en mindre kommun, men kan passa en stor myndighet med många likartade ärenden.

Vissa lösningar är dessutom reglerade produkter. Ett AI-stöd som hjälper en region att prioritera röntgenbilder är en medicinteknisk produkt. Där är det normala valet att köpa en CE-märkt produkt, inte att utveckla en egen.

## Var körs lösningen?

Många AI-tjänster körs i molnet hos en stor internationell leverantör. Andra alternativ är en svensk eller europeisk leverantör, en gemensam lösning med andra kommuner, regioner eller myndigheter, eller egen drift. Ställ frågorna:

- Var lagras och behandlas uppgifterna, och vilket lands lagar gäller för leverantören?
- Kan leverantörens personal eller underleverantörer komma åt uppgifterna?
- Hur skyddsvärda är uppgifterna? En informationsklassning visar vad som kräver högre skydd.

Allmän information från kommunens webbplats kan hanteras på ett annat sätt än uppgifter om enskildas hälsa eller ekonomi. Varken molnet eller egen drift är alltid säkrast – det beror på uppgifterna och på er egen förmåga.

## Vilken modell?

Stora språkmodeller finns både som stängda tjänster och som öppna modeller som ni kan köra i egen miljö. Större är inte alltid bättre. En mindre modell kan räcka för en avgränsad uppgift, kosta mindre och ge mer kontroll. Fråga hur bra modellen är på svenska och på era typer av texter – och testa med egna, verkliga exempel innan ni bestämmer er.

## Säkerhet

AI-system har samma säkerhetsbehov som andra it-system, och några nya:

- Det medarbetare skriver in kan sparas hos leverantören, eller användas för att träna modellen, om avtalet inte säger något annat.
- En chattbot kan luras att göra sådant den inte ska, till exempel genom dolda instruktioner i en text den läser.
- Svaren kan vara fel men låta övertygande. Det behövs rutiner för kontroll.

## Undvik inlåsning

Det är lätt att komma in i en tjänst och svårt att ta sig ut. Kräv från början att ni kan få tillbaka era data i ett användbart format, att ni kan byta modell eller leverantör och att priset inte kan ändras hur som helst. Räkna på hela livscykeln: licenser, kostnad per användning, förvaltning, utbildning och avveckling – inte bara införandet.

## Att ta med dig

Tekniska vägval är verksamhetsbeslut. Börja i behovet, klassa informationen, jämför alternativen och planera för hur ni tar er ut redan när ni går in.
""",
    "body_en": """As a manager or elected representative you do not need to know the technology in detail. But several technical choices affect finances, security and your freedom of action for many years. That is why they should not be left to the IT department or the supplier alone.

## Buy, adapt or build

Broadly speaking, there are three routes:

- **Buy a ready-made service.** You get started quickly, but the organisation has to adapt to the service. Example: an AI feature that summarises meetings in office software you already use.
- **Adapt an existing model.** You use a ready-made language model but connect it to your own texts, such as the municipality's website and guidelines. A chatbot in the contact centre can then answer questions about building permits or waste collection based on the rules that apply in your municipality.
- **Build it yourself.** This gives the most control but requires skills, data and long-term maintenance. It rarely suits a small municipality, but may suit a large agency with many similar cases.

Some solutions are also regulated products. An AI tool that helps a region prioritise X-ray images is a medical device. The normal choice there is to buy a CE-marked product, not to develop your own.

## Where does the solution run?

Many AI services run in the cloud of a large international supplier. Other options are a Swedish or European supplier, a shared solution with other municipalities, regions or agencies, or running it yourselves. Ask:

- Where is the data stored and processed, and which country's laws apply to the supplier?
- Can the supplier's staff or subcontractors access the data?
- How sensitive is the data? An information classification shows what needs stronger protection.

General information from the municipality's website can be handled differently from data about individuals' health or finances. Neither the cloud nor running it yourselves is always the safest option – it depends on the data and on your own capabilities.

## Which model?

Large language models are available both as closed services and as open models that you can run in your own environment. Bigger is not always better. A smaller model may be enough for a well-defined task, cost less and give you more control. Ask how good the model is at Swedish and at your kinds of text – and test it with your own, real examples before you decide.

## Security

AI systems have the same security needs as other IT systems, and a few new ones:

- What staff type in may be stored by the supplier, or used to train the model, unless the contract says otherwise.
- A chatbot can be tricked into doing things it should not, for example through hidden instructions in a text it reads.
- Answers can be wrong yet sound convincing. You need routines for checking them.

## Avoid lock-in

It is easy to get into a service and hard to get out. Require from the start that you can get your data back in a usable format, that you can switch model or supplier, and that the price cannot be changed at will. Calculate the cost over the whole life cycle: licences, cost per use, maintenance, training and decommissioning – not just the introduction.

## Key takeaways

Technical choices are business decisions. Start from the need, classify the information, compare the options and plan how to get out before you go in.
""",
    "questions": [
        {
            "text_sv": "Kommunen vill att en chattbot i kontaktcenter ska svara på invånarnas frågor utifrån kommunens egna webbtexter och riktlinjer. Vilket vägval passar bäst?",
            "text_en": "The municipality wants a chatbot in its contact centre to answer residents' questions based on the municipality's own web pages and guidelines. Which route fits best?",
            "choices": [
                {
                    "text_sv": "Att bygga en egen språkmodell från grunden.",
                    "text_en": "Building its own language model from scratch.",
                    "correct": False,
                    "feedback_sv": "Det kräver mycket data, kompetens och pengar och behövs inte för att svara utifrån befintliga texter.",
                    "feedback_en": "That requires a lot of data, skills and money and is not needed to answer from existing texts.",
                },
                {
                    "text_sv": "Att använda en befintlig språkmodell och koppla den till kommunens egna texter.",
                    "text_en": "Using an existing language model and connecting it to the municipality's own texts.",
                    "correct": True,
                    "feedback_sv": "Rätt – då svarar chattboten utifrån det som gäller i just er kommun utan att ni behöver bygga en modell.",
                    "feedback_en": "Correct – the chatbot then answers based on what applies in your municipality without you having to build a model.",
                },
                {
                    "text_sv": "Valet spelar ingen roll för ledningen – det är en fråga för it-avdelningen.",
                    "text_en": "The choice does not matter to management – it is a matter for the IT department.",
                    "correct": False,
                    "feedback_sv": "Vägvalet påverkar kostnader, säkerhet och handlingsfrihet i många år och är därför ett verksamhetsbeslut.",
                    "feedback_en": "The choice affects costs, security and freedom of action for years and is therefore a business decision.",
                },
            ],
        },
        {
            "text_sv": "Vilka krav är rimliga att ställa för att minska risken för inlåsning hos en leverantör? Välj två.",
            "text_en": "Which requirements are reasonable to reduce the risk of being locked in to a supplier? Choose two.",
            "choices": [
                {
                    "text_sv": "Att ni kan få tillbaka era data i ett användbart format.",
                    "text_en": "That you can get your data back in a usable format.",
                    "correct": True,
                    "feedback_sv": "Rätt – utan era data är det i praktiken svårt att byta leverantör.",
                    "feedback_en": "Correct – without your data it is hard in practice to switch supplier.",
                },
                {
                    "text_sv": "Att ni kan byta modell eller leverantör utan att bygga om hela lösningen.",
                    "text_en": "That you can switch model or supplier without rebuilding the whole solution.",
                    "correct": True,
                    "feedback_sv": "Rätt – modeller utvecklas snabbt och ni vill kunna välja en bättre eller billigare senare.",
                    "feedback_en": "Correct – models develop quickly and you want to be able to choose a better or cheaper one later.",
                },
                {
                    "text_sv": "Att avtalet löper så länge som möjligt för att få lägsta pris.",
                    "text_en": "That the contract runs for as long as possible to get the lowest price.",
                    "correct": False,
                    "feedback_sv": "Ett långt avtal utan utträdesmöjligheter ökar tvärtom risken för inlåsning.",
                    "feedback_en": "A long contract without exit options actually increases the risk of lock-in.",
                },
                {
                    "text_sv": "Att bara leverantören har tillgång till dokumentationen av lösningen.",
                    "text_en": "That only the supplier has access to the documentation of the solution.",
                    "correct": False,
                    "feedback_sv": "Ni behöver själva förstå och kunna förklara lösningen, och en annan leverantör behöver kunna ta över.",
                    "feedback_en": "You need to understand and be able to explain the solution yourselves, and another supplier must be able to take over.",
                },
            ],
        },
        {
            "text_sv": "Vad bör i första hand styra var en AI-lösning får köras – i molnet, hos en gemensam leverantör eller i egen drift?",
            "text_en": "What should primarily decide where an AI solution may run – in the cloud, with a shared supplier or on your own infrastructure?",
            "choices": [
                {
                    "text_sv": "Hur skyddsvärda uppgifterna är, enligt en informationsklassning.",
                    "text_en": "How sensitive the data is, according to an information classification.",
                    "correct": True,
                    "feedback_sv": "Rätt – uppgifter om enskildas hälsa kräver ett annat skydd än allmän information från webbplatsen.",
                    "feedback_en": "Correct – data about individuals' health needs different protection from general information on the website.",
                },
                {
                    "text_sv": "Att molnet alltid är säkrast eftersom de stora leverantörerna har mest resurser.",
                    "text_en": "That the cloud is always safest because the large suppliers have the most resources.",
                    "correct": False,
                    "feedback_sv": "Molnet kan vara säkert tekniskt, men det beror på uppgifterna, avtalet och vilka lagar som gäller för leverantören.",
                    "feedback_en": "The cloud can be technically secure, but it depends on the data, the contract and which laws apply to the supplier.",
                },
                {
                    "text_sv": "Att egen drift alltid är säkrast eftersom uppgifterna stannar hos er.",
                    "text_en": "That running it yourselves is always safest because the data stays with you.",
                    "correct": False,
                    "feedback_sv": "Egen drift kräver kompetens och resurser för säkerhet som alla organisationer inte har.",
                    "feedback_en": "Running it yourselves requires security skills and resources that not every organisation has.",
                },
            ],
        },
    ],
}
