# ruff: noqa: E501
"""The demo blog's posts (blog/demo.py): invented projects at the demo hosts, written as talents would write them.

Each post: `key` (its fixed identity across runs), `authors` ((cohort key, index) into the demo talents, first
author first), `hosts` (demo host slugs), `state` and `days` (how many days ago it was published, or from now
for a scheduled one), `cover` (two colours of a drawn cover image, or None).
"""

TAGS = [
    "Healthcare",
    "Federated learning",
    "Optimisation",
    "Explainable AI",
    "Language models",
    "Computer vision",
    "Predictive maintenance",
    "MLOps",
]

HOSPITAL = "vasterstrand-university-hospital"
PHARMA = "nordljus-pharma"
AUTOMOTIVE = "kvarnby-automotive-software"
REGION = "region-alvmark-health-authority"
UNIVERSITY = "skargard-university"

FEDERATED = {
    "key": "federated-dermatology",
    "title": "Teaching a skin-lesion model without moving a single image",
    "summary": "Two hospitals, one model and no shared images: what six months of federated learning in dermatology taught us.",
    "language": "en",
    "authors": [("running", 0), ("running", 1)],
    "hosts": [HOSPITAL, REGION],
    "tags": ["Federated learning", "Healthcare", "Computer vision"],
    "state": "published",
    "days": 210,
    "cover": ((214, 96, 120), (60, 40, 110)),
    "body": """Dermatologists at Västerstrand University Hospital photograph thousands of skin lesions every year. So do the clinics of Region Älvmark, forty kilometres away. Each collection on its own is too small and too homogeneous to train a model that we would trust on a new patient. Together they would be much better. But the photographs are patient data, and moving them between two organisations takes agreements that can take longer than a rotation.

Our rotation project asked a simple question: can the model travel instead of the images?

## How federated learning works, in one paragraph

Each hospital keeps its images on its own servers. A coordinator sends the current model to both sites; each site trains it for a while on its own data and sends back only the updated weights. The coordinator averages the updates and sends out the new model. Repeat. No image, and no label, ever leaves the hospital. The classic recipe is *federated averaging*, described in [the original paper by McMahan and colleagues](https://arxiv.org/abs/1602.05629).

## What we built

- A small coordinator service running at AI Sweden, which never sees data.
- A training client packaged as a container that each hospital's IT department could review line by line before running it.
- A shared evaluation protocol: both sites hold out a test set and report the same metrics on it after every round.

We started from an image classifier pretrained on public dermatology images and fine-tuned it to sort lesions into "refer to a dermatologist" and "follow up in primary care".

## What we learned

**The data were more different than anyone expected.** One site photographs with a dermatoscope, the other mostly with phones. In the first rounds the averaged model was worse than either local one. Normalising colours on each site and weighting the average by the number of images fixed most of it.

**Most of the work was not machine learning.** Firewall rules, a data protection impact assessment and a meeting with each hospital's information security officer took more calendar time than training. Starting those conversations in week one, not week six, is the single best advice we can give.

**Clinicians cared about the failure cases.** A single number for accuracy convinced nobody. A page showing the twenty lesions the model was most wrong about, reviewed together with two dermatologists, started the most useful discussion of the whole project.

## Where it stands

The federated model beats both local models on both test sets, and the sensitivity for lesions that should be referred is close to what the dermatologists asked for. It is not in clinical use, and should not be without a proper clinical study. But the hospitals now have the agreements, the infrastructure and a working example, which is a good place for the next project to start from.

Thanks to the dermatology teams at both sites for their patience with our questions.
""",
}

OPERATING_ROOMS = {
    "key": "operating-rooms",
    "title": "Fewer cancelled operations: what integer programming did for our theatre schedule",
    "summary": "An old tool, a messy problem and a schedule that surgeons now argue with instead of ignoring.",
    "language": "en",
    "authors": [("running", 2)],
    "hosts": [HOSPITAL],
    "tags": ["Optimisation", "Healthcare"],
    "state": "published",
    "days": 160,
    "cover": None,
    "body": """Everyone expects a talent in an AI programme to train neural networks. My first rotation, at Västerstrand University Hospital, was about something much older: mathematical optimisation. And it may be the most useful thing I have worked on.

## The problem

The hospital has fourteen operating rooms. Every week a coordinator builds a schedule by hand: which surgeon operates in which room, on which day, in which order. Operations run long, emergencies arrive, beds on the ward fill up, and on a bad week one planned operation in ten was cancelled on the day. Each cancellation means a patient who fasted, took time off and came in for nothing.

## The model

We wrote the schedule as a mixed-integer program. The decisions are simple yes-or-no variables: does operation *i* go in room *r* on day *d*? The constraints are where the hospital's knowledge lives:

- each room is open a fixed number of hours, with some overtime allowed at a cost;
- some operations need equipment that only two rooms have;
- a surgeon cannot be in two rooms at once;
- patients going to intensive care afterwards must be spread over the week, because there are only so many beds.

The objective balances three things: operate on the patients who have waited longest, keep overtime low, and leave room for uncertainty.

## The part that needed machine learning

Uncertainty is the whole game. An operation booked for two hours may take three. We trained a gradient-boosted model on five years of the hospital's own records to predict not one duration but a range for each operation, from the procedure, the surgeon and a few patient characteristics. The optimiser then plans with a safety margin that grows with that range, so a day full of unpredictable operations gets more slack than a day of routine ones.

## What happened

We ran the planner next to the coordinator for eight weeks without changing anything, just comparing. Then for four weeks the coordinator started from the planner's proposal and edited it.

- Cancellations on the day went down in three of the four weeks.
- Overtime was roughly unchanged.
- The coordinator saved about half a day of work each week.

The most important result is not in those numbers. The surgeons started arguing with the schedule. That sounds bad, but it means they were reading it, and every argument became a new constraint we had missed.

## If you try this yourself

Start with an open-source solver (we used [OR-Tools](https://developers.google.com/optimization)), model the rules the staff actually follow rather than the official ones, and sit next to the person who does the planning today. They know things that are not in any database.
""",
}

EXPLAINABLE = {
    "key": "explanations-for-clinicians",
    "title": "Explanations clinicians actually read",
    "summary": "We built three kinds of explanation for a sepsis warning model and asked nurses which ones helped. The answer surprised us.",
    "language": "en",
    "authors": [("running", 3)],
    "hosts": [REGION],
    "tags": ["Explainable AI", "Healthcare"],
    "state": "published",
    "days": 118,
    "cover": ((40, 130, 140), (20, 50, 90)),
    "body": """Region Älvmark has a model that flags patients on the ward whose risk of sepsis is rising, from vital signs and lab values in the patient record. It performs well on paper. On the wards, it was mostly ignored. My rotation project was to find out why, and whether explanations could help.

## Three kinds of explanation

We built three versions of the warning and showed them to nurses and physicians in short sessions with made-up patients:

1. **Feature attributions.** A bar chart of which inputs pushed the risk up or down, computed with SHAP values. This is what most papers on explainable AI would suggest.
2. **A trend.** The patient's risk score over the last 24 hours, with the measurements that changed marked on the timeline.
3. **A comparison.** A short sentence: "Similar to patients who developed sepsis: rising respiratory rate, falling blood pressure since this morning."

## What the clinicians said

The bar chart was the least popular by far. Several nurses said it looked like something for the IT department. One physician put it well: "It tells me what the model looked at, not what I should look at."

The trend was the favourite. It fits how clinicians already think: not "is this patient sick" but "is this patient getting worse". Seeing that the score jumped after the afternoon measurements made people go and check the patient.

The sentence split the room. Some found it the quickest to read; others did not trust a sentence written by a machine, and asked where the "similar patients" came from.

## What we changed

- The warning now shows the trend by default, with the measurements behind the latest change.
- The attributions are still there, one click away, for the physicians who want them and for the team that monitors the model.
- We added a plain-language page about what the model can and cannot do, written together with two nurses, and linked it from every warning.

## What I take with me

Explainability is not a property of a model. It is a property of a model, a person and a situation. The same explanation that helps a data scientist debug can be noise to a nurse at three in the morning. If you build tools for clinicians, test your explanations with them early, with realistic cases, and be ready to throw away the one you liked best.

If you want to read more, the UK's [guidance on explaining decisions made with AI](https://ico.org.uk/for-organisations/uk-gdpr-guidance-and-resources/artificial-intelligence/explaining-decisions-made-with-artificial-intelligence/) is a practical place to start.
""",
}

TRAINS = {
    "key": "predictive-maintenance-trains",
    "title": "Listening to the bogies: predictive maintenance for regional trains",
    "summary": "Vibration data, a winter of faults and a model that tells the depot which wheels to check first.",
    "language": "en",
    "authors": [("completed", 0)],
    "hosts": [REGION],
    "tags": ["Predictive maintenance", "MLOps"],
    "state": "published",
    "days": 330,
    "cover": None,
    "body": """Region Älvmark runs the regional trains in its part of western Sweden through its public transport company. Every train carries sensors on its bogies, the frames that hold the wheels and axles. For years those sensors mostly filled a database nobody read. In my second rotation we tried to turn them into a list the maintenance depot could use every morning.

## The question

Wheel and bearing faults are found today in two ways: at scheduled inspections, or when something breaks. Both are expensive. A train taken out of service unexpectedly on a cold January morning means cancelled departures and crowded replacement buses. The depot wanted to know: which trains should we look at first this week?

## The data

- Vibration measurements from accelerometers on each bogie, summarised every few seconds.
- The train's position and speed, because vibration on a straight track at 160 km/h is not the same as in a curve at 40.
- Five years of maintenance records, typed by hand, in Swedish, with a lot of abbreviations.

The maintenance records were the hardest part. We spent two weeks with a technician going through abbreviations and building a mapping from free text to a small set of fault types. Without that, we had no labels at all.

## The model

We kept it deliberately simple. For each bogie and day we computed features from the vibration spectrum on comparable stretches of track, and trained a gradient-boosted classifier to predict a fault within the next fourteen days. A more complex sequence model did slightly better on paper but was much harder to explain to the depot, and much harder to keep running.

## Keeping it running

Most of the project ended up being MLOps:

1. a nightly job that fetches the new data and checks that every sensor still reports;
2. a report of the ten bogies with the highest risk, sent to the depot before the morning meeting;
3. a dashboard showing how often last month's warnings turned out to be real faults.

That last point matters. A warning list that is wrong too often gets ignored within a month, so we agreed with the depot on a target for precision before the model went live.

## Results after one winter

The depot found several developing bearing faults before they caused cancellations. The model also raised false alarms, and one real fault it missed entirely. But the technicians now ask for the list when it is late, which is the best evaluation I know of.

For anyone curious about the methods, the [NASA prognostics data repository](https://www.nasa.gov/intelligent-systems-division/discovery-and-systems-health/pcoe/pcoe-data-set-repository/) has public data sets to practise on.
""",
}

LANGUAGE_MODEL = {
    "key": "svensk-sprakmodell",
    "title": "En svensk språkmodell för offentlig sektor: vad vi lärde oss på vägen",
    "summary": "Vi anpassade en öppen språkmodell till regionens egna texter. Det svåra var inte träningen utan allt runt omkring.",
    "language": "sv",
    "authors": [("running", 4)],
    "hosts": [REGION, UNIVERSITY],
    "tags": ["Language models", "Explainable AI"],
    "state": "published",
    "days": 88,
    "cover": None,
    "body": """När jag började min rotation hos Region Älvmark hade regionen en tydlig fråga: kan en språkmodell hjälpa handläggare att hitta rätt i regionens egna riktlinjer och beslut? Det finns tusentals dokument, och många medarbetare lägger mycket tid på att leta efter rätt version av rätt rutin.

## Varför inte bara använda en stor kommersiell tjänst?

Det var den första frågan alla ställde. Svaret hade tre delar:

- **Informationen får inte lämna regionen.** Många dokument är interna, och vissa frågor från medarbetare innehåller uppgifter om patienter.
- **Svenskan måste vara bra.** Regionens texter är fulla av förkortningar, myndighetsspråk och medicinska termer.
- **Regionen vill förstå vad den använder.** En öppen modell går att granska, testa och köra på egna servrar.

Vi valde därför en öppen, flerspråkig modell av måttlig storlek och byggde ett system där modellen svarar utifrån regionens egna dokument, med hänvisning till var svaret kommer ifrån.

## Så byggde vi det

1. Vi samlade riktlinjer och rutiner från regionens dokumenthantering och delade upp dem i stycken.
2. Varje fråga matchas mot de mest relevanta styckena med en svensk modell för semantisk sökning.
3. Språkmodellen får bara svara utifrån de stycken den hittat, och måste ange källan.
4. Om inget stycke passar ska modellen säga att den inte vet, i stället för att gissa.

Samarbetet med Skärgård University var viktigt: deras forskargrupp i språkteknologi hjälpte oss att bygga en testsamling med frågor som riktiga handläggare ställer, och svar som experter har granskat.

## Det vi lärde oss

**Utvärderingen är det svåra.** Att modellen svarar flytande betyder inte att den svarar rätt. Vi la mer tid på testsamlingen än på själva modellen, och det var rätt prioritering.

**Källhänvisningar bygger förtroende.** Handläggarna litade mer på ett kort svar med länk till rätt dokument än på ett långt och välformulerat svar utan källa.

**Gamla dokument är ett problem.** Flera gånger hittade modellen en rutin som hade ersatts. Systemet blir aldrig bättre än dokumenthanteringen bakom det, och projektet ledde till att regionen började städa bland sina riktlinjer.

## Hur går det vidare?

Ett trettiotal handläggare testar nu verktyget i sitt dagliga arbete. Regionen utvärderar det under våren innan man beslutar om fler ska få tillgång.

Vill du läsa mer om hur offentlig sektor kan arbeta med språkmodeller har [AI Sweden](https://www.ai.se/sv) samlat erfarenheter från flera projekt.
""",
}

FOREST = {
    "key": "skogen-fran-ovan",
    "title": "Skogen från ovan: satellitbilder och maskininlärning mot granbarkborren",
    "summary": "Hur vi tränade en modell att hitta granar som angripits av granbarkborre, veckor innan det syns från marken.",
    "language": "sv",
    "authors": [("completed", 1)],
    "hosts": [UNIVERSITY],
    "tags": ["Computer vision"],
    "state": "published",
    "days": 45,
    "cover": ((70, 150, 80), (20, 60, 40)),
    "body": """Granbarkborren har de senaste åren dödat miljontals granar i södra Sverige. Ju tidigare ett angrepp upptäcks, desto större chans har skogsägaren att avverka de angripna träden innan nästa generation skalbaggar svärmar. Under min rotation på Skärgård University arbetade jag med en fråga som låter enkel: kan satellitbilder visa angripna träd innan det syns från marken?

## Varför satellitbilder?

Europas [Sentinel-2-satelliter](https://www.esa.int/Applications/Observing_the_Earth/Copernicus/Sentinel-2) fotograferar hela Sverige med några dagars mellanrum. Bilderna är fria att använda och har tretton spektralband, bland annat i det nära infraröda, där friska och stressade barr skiljer sig åt långt innan barren byter färg.

Nackdelen är upplösningen. En pixel motsvarar tio gånger tio meter, alltså flera träd. Vi letar inte efter enskilda granar utan efter skogsytor där något håller på att hända.

## Data och etiketter

- Satellitbilder från fyra somrar över ett stort skogsområde i Västra Götaland.
- Inventeringar från marken som skogsägare och Skogsstyrelsen gjort, med angripna och friska bestånd.
- Molnmasker, eftersom svensk sommar inte alltid är molnfri.

Att para ihop inventeringar med rätt satellitbild var mer arbete än väntat. En inventering i augusti säger lite om hur skogen såg ut i juni.

## Modellen

Vi jämförde två angreppssätt:

1. **Tidsserier per pixel.** En enkel modell som tittar på hur vegetationsindex förändras under säsongen.
2. **Ett faltningsnätverk** som dessutom ser omgivningen, eftersom angrepp ofta sprider sig från kanten av ett bestånd.

Nätverket var bättre, men skillnaden var mindre än vi trott. Den största förbättringen kom i stället av att jämföra varje plats med sig själv året innan, i stället för med andra platser.

## Resultat

Modellen hittar många angrepp några veckor innan de syns tydligt från marken, men inte alla. Den missar främst små angrepp mitt i täta bestånd. Den ger också falsklarm på hyggen och efter torka, som båda stressar träden på liknande sätt.

Vi har därför byggt den som ett stöd för prioritering: en karta som visar var det är mest värt att gå ut och titta först.

## Vad jag tar med mig

Att arbeta med fjärranalys lärde mig att domänkunskap är lika viktig som modellen. Utan skogsforskarna på universitetet hade vi aldrig förstått varför modellen larmade varje gång en skog hade avverkats intill.
""",
}

SYNTHETIC_RAIN = {
    "key": "perception-in-the-rain",
    "title": "Testing perception in the rain: synthetic data for driver assistance",
    "summary": "Real rainy nights are rare in a test fleet's logs. We generated thousands of them, and learned where synthetic data helps and where it lies.",
    "language": "en",
    "authors": [("running", 0)],
    "hosts": [AUTOMOTIVE],
    "tags": ["Computer vision", "MLOps"],
    "state": "scheduled",
    "days": 6,
    "cover": None,
    "body": """A driver assistance system has to see pedestrians in heavy rain at night just as well as on a sunny afternoon. Kvarnby Automotive Software tests its camera-based perception on hours of recorded driving, but the recordings mostly show what test drivers usually meet: dry roads in daylight. In my rotation there, I worked on filling the gaps with synthetic data.

## Two ways to make rain

1. **Simulation.** A driving simulator renders whole scenes, with weather, lighting and traffic under full control, and produces perfect labels for free.
2. **Changing real images.** A generative model takes a real recording and adds rain, reflections and darkness to it while keeping the objects in place, so the existing labels still fit.

We tried both and compared them on a small set of real rainy night recordings that we kept strictly for testing.

## What worked

- **Real images with generated weather** helped the most. The perception model trained with them found noticeably more pedestrians on the real rainy test set.
- **Simulated scenes** were most useful for rare situations that are dangerous to record, such as a child running out between parked cars.
- **Mixing carefully** mattered: too much synthetic data and the model began to learn the simulator's look instead of the world.

## Where synthetic data lies

Synthetic data is only as honest as the process that makes it. We found two traps:

- Generated rain was too uniform. Real rain on a windscreen leaves streaks and blurred spots that the generator rarely produced, so the model could still be surprised in a real storm.
- Reflections of headlights on wet asphalt were often placed where no light source was. A model trained on them learned to ignore some reflections that were actually other cars.

The lesson: never evaluate on synthetic data alone. Every claim we made to the safety team was backed by results on real recordings.

## Keeping track of it all

With several generators, settings and mixes, we needed to know exactly which data trained which model. We versioned every generated data set together with its generator's settings, and every model carries a record of the data it saw. Without that, the safety case would have been impossible to write.

For readers new to the field, [the CARLA simulator](https://carla.org/) is open source and a good way to try synthetic driving scenes yourself.

Thanks to the perception team at Kvarnby for letting a talent loose on their test pipeline.
""",
}

TRIAGE_NOTES = {
    "key": "triage-notes",
    "title": "Triage notes in Swedish: what a small model can do in the emergency department",
    "summary": "A compact language model that reads triage notes and suggests which patients need a second look.",
    "language": "en",
    "authors": [("running", 0)],
    "hosts": [HOSPITAL],
    "tags": ["Language models", "Healthcare"],
    "state": "submitted",
    "shared": True,
    "days": 0,
    "cover": None,
    "body": """In the emergency department at Västerstrand University Hospital, every patient is assessed by a triage nurse who writes a short note: a few lines in Swedish, full of abbreviations, written in seconds. Those notes say a lot about how sick a patient is, but nobody has time to read them all again when the waiting room is full. Our project asked whether a small language model could help.

## Why a small model

We did not need a model that writes essays. We needed one that reads two lines of clinical Swedish and answers one question: does this patient's note describe something that often turns out more serious than the triage level suggests?

A small model has real advantages here:

- it runs on the hospital's own servers, so no note leaves the hospital;
- it answers in milliseconds, even on modest hardware;
- it is small enough that we can test it thoroughly and explain what it was trained on.

## What we did

1. We started from a Swedish language model pretrained on public text.
2. We continued its pretraining on a large set of anonymised triage notes, so it learned the department's abbreviations.
3. We fine-tuned it to predict, from the note alone, whether the patient was later admitted to intensive care or had their triage level raised.

## Early results

On notes from a period the model never saw, it finds a good share of the patients whose condition was underestimated at triage, and it rarely flags patients who went home the same day. It is far from perfect: short notes give it little to go on, and it struggles with notes that mix Swedish and English.

## What we are careful about

- The model is a second look, not a triage decision. The nurse's assessment stands.
- We check its performance separately for age groups, for men and women, and for patients who needed an interpreter, because a model that works worse for some groups would make care less fair.
- Any use beyond testing needs a clinical study and approval, which is the department's decision, not ours.

## Next steps

Before this post is published, the emergency department will read it and tell us if we have described their work fairly. We also want to compare the model with the simple rules the department already uses, since a model is only worth the trouble if it does clearly better.

The [Swedish clinical NLP research at Stockholm University](https://www.su.se/english/research/research-subjects/computer-and-systems-sciences) was a great help in understanding what has already been tried.
""",
}

THREE_CODEBASES = {
    "key": "three-codebases",
    "title": "Three rotations, three codebases: MLOps in very different places",
    "summary": "What a car software company, a pharma lab and a research group each taught me about putting models into production.",
    "language": "en",
    "authors": [("running", 5)],
    "hosts": [AUTOMOTIVE, PHARMA],
    "tags": ["MLOps"],
    "state": "submitted",
    "days": 0,
    "cover": None,
    "body": """The best thing about a rotation programme is seeing the same job done in different places. Over the past year I have worked on machine learning at Kvarnby Automotive Software and at Nordljus Pharma, and in between with a research group. Each had a very different answer to the question: how does a model get from a notebook into production?

## Kvarnby: everything is a release

At Kvarnby, a model is part of software that ends up in cars. That means:

- every model is built by the same pipeline, from versioned data, with a fixed random seed;
- nothing reaches a vehicle without passing hundreds of automated tests and a review;
- a release can be traced back to the exact data and code that produced it, years later.

It felt slow at first. Then I saw how quickly they could answer a question from a carmaker about a model shipped two years earlier, and I understood.

## Nordljus: the experiment is the product

At Nordljus Pharma, models help chemists decide which molecules to make next. A model may only be used for a few weeks before new lab results make it outdated. The emphasis is different:

- fast retraining when new measurements arrive, often weekly;
- careful tracking of which predictions were made by which model, because a chemist may ask months later why a molecule was chosen;
- close contact with the people using the predictions, who notice problems before any metric does.

## The research group: scripts and good intentions

The research group was the least formal, and it showed. Results were hard to reproduce, and a key data set existed only on one laptop. But it was also the place where new ideas were tried fastest, and strict processes would have slowed that down.

## What I would recommend everywhere

Despite the differences, a few habits paid off in all three places:

1. **Version the data, not only the code.** Most surprises came from data that had quietly changed.
2. **Write down what a model is for,** who uses its output and what a wrong answer costs. A short model card is enough; the [original model cards paper](https://arxiv.org/abs/1810.03993) is a good template.
3. **Monitor the inputs.** Input data drifting away from the training data warned us earlier than falling accuracy.
4. **Make retraining boring.** If retraining needs a hero, it will not happen often enough.

No place had it all figured out, and each could learn from the others. That may be the strongest argument for rotations I know.
""",
}

BED_OCCUPANCY = {
    "key": "bed-occupancy",
    "title": "Forecasting bed occupancy through the winter",
    "summary": "A forecast of how full the region's hospitals will be over the next two weeks, built with the people who plan the beds.",
    "language": "en",
    "authors": [("running", 0)],
    "hosts": [REGION],
    "tags": ["Healthcare", "Optimisation"],
    "state": "changes_requested",
    "days": 0,
    "cover": None,
    "team_comment": (
        "Thank you, this reads well. Two things before we publish: please check the figures on occupancy with the "
        "region's planning unit (they asked to see them first), and say in the introduction that the forecast is "
        "not yet used for decisions."
    ),
    "body": """Every winter, the hospitals of Region Älvmark fill up. Influenza, RSV and COVID-19 arrive in waves, and on the worst days patients wait in corridors for a bed. The region's planning unit asked whether a forecast of bed occupancy for the next two weeks could help them open extra beds and move staff in time.

## What the planners needed

We started by asking the planners what decision the forecast would support. The answer was concrete: every Monday they decide whether to open temporary beds and call in extra staff for the coming two weeks. So the forecast had to:

- cover each hospital separately, not just the region;
- give a range, not a single number, because planning for the middle of the forecast leaves no room for a bad week;
- be ready on Monday morning, before the planning meeting.

## The data

- Daily occupancy per hospital and ward for eight years.
- Admissions from the emergency departments, which lead occupancy by a few days.
- Public data on respiratory infections from the Public Health Agency of Sweden.
- Calendar effects: holidays, school breaks and the week between Christmas and New Year.

## The model

We compared three approaches: a seasonal baseline (same week last year, adjusted), a statistical time-series model, and a gradient-boosted model using all the inputs above. The gradient-boosted model gave the best ranges for the second week ahead; for the first few days, the simple baseline was almost as good.

## Early results

Over last winter, replayed week by week as if we had been there, the forecast's range contained the real occupancy on most days. It caught the start of the influenza wave about a week before occupancy peaked. It underestimated the peak at the smallest hospital, where a single ward closing can change everything.

## Next steps

We are now running the forecast every Monday next to the planners' own assessment, to see where they differ and why. The [Public Health Agency's surveillance data](https://www.folkhalsomyndigheten.se/) has been the most valuable single input, and we want to use it better.
""",
}

FIRST_AUTUMN = {
    "key": "forsta-hosten",
    "title": "Min första höst i Göteborg",
    "summary": "Om att börja i ett nytt land, lära sig svenska och hitta sin plats i ett AI-program.",
    "language": "sv",
    "authors": [("running", 0)],
    "hosts": [],
    "tags": [],
    "state": "draft",
    "days": 0,
    "cover": None,
    "body": """Jag skriver det här på svenska, och det är kanske det viktigaste jag har lärt mig under min första höst i programmet. För tre månader sedan kunde jag säga "hej", "tack" och "en kaffe, tack". Nu kan jag skriva ett blogginlägg, med lite hjälp av min lärare och ganska många ord som jag fick slå upp.

## De första veckorna

Allt var nytt på en gång: staden, språket, kollegorna och arbetssättet. Några saker överraskade mig:

- **Fikan är på riktigt.** Den är inte bara en kaffepaus. Det är där man lär känna kollegorna och där många beslut egentligen tas.
- **Alla säger du.** Ingen titel, inga efternamn. Min chef och professorn på sjukhuset tilltalas på samma sätt som alla andra.
- **Det är mörkt.** I november går solen ner innan jag går hem från jobbet. Ingen hade förberett mig på hur mycket det påverkar humöret.

## Att arbeta i en rotation

Min första rotation var på ett sjukhus, och jag hade förväntat mig att jobbet skulle handla om modeller. I stället handlade de första veckorna om att förstå verksamheten: vem som fattar vilka beslut, vilka data som finns och vem som får använda dem. Jag satt med sjuksköterskor, läkare och it-avdelningen innan jag skrev en enda rad kod.

Det kändes långsamt då. I efterhand var det den viktigaste tiden i hela projektet.

## Dagen på AI Sweden

En dag i veckan är vi alla på AI Sweden. Där träffar jag de andra i min kohort, och vi berättar för varandra vad vi håller på med. Det är skönt att höra att andra också kämpar med data som saknas, svåra avtal och modeller som inte gör som man vill.

## Svenskan

Jag läser svenska två kvällar i veckan. Det svåraste är inte grammatiken utan att våga prata när alla kan byta till engelska. Mitt knep: jag ber kollegorna att fortsätta på svenska även när jag tar lång tid på mig. De flesta blir glada över att få frågan.

## Vad jag vill säga till nästa kohort

Kom med öppna ögon, fråga mycket och säg ja till fikan. Och börja med svenskan redan innan ni kommer hit. [Svenska för invandrare](https://www.informationsverige.se/) finns i alla kommuner, och det är värt varje timme.

Jag vet inte riktigt hur jag ska avsluta det här inlägget än. Det får bli ett utkast ett tag till.
""",
}

GRID_HACKATHON = {
    "key": "grid-hackathon",
    "title": "What a hackathon on grid forecasting taught me about baselines",
    "summary": "We had one afternoon to forecast electricity demand. The winning model was the one nobody wanted to build.",
    "language": "en",
    "authors": [("running", 1)],
    "hosts": [],
    "tags": ["MLOps"],
    "state": "draft",
    "days": 0,
    "cover": None,
    "body": """Last month our cohort spent a day at AI Sweden on a hackathon about forecasting electricity demand on a regional grid. We had hourly consumption for three years, weather data and an afternoon. Twelve teams, twelve ideas, and one result I keep thinking about.

## The setup

The task was to forecast demand for each hour of the next day, for a handful of substations. The grid operator scores forecasts by their average error, but what they really care about is the peaks: a cold, still winter evening when everyone cooks dinner and charges their car at once.

## What the teams built

Most teams went straight for the models they knew best:

- several gradient-boosted models with dozens of weather features;
- two teams with recurrent neural networks;
- one team trying a transformer, which had not finished training when time ran out.

Our team had a different plan, mostly by accident. We were slow to get the data loaded, so we started with the simplest forecast we could think of: tomorrow will look like the same day last week, adjusted for the temperature forecast.

## The result

That baseline came third out of twelve. The two teams that beat it had also started from a baseline and then improved it step by step, checking each change against it. Several teams with far more complex models finished below it, mostly because of small mistakes they never noticed: a time zone shift at the change to summer time, a leak of tomorrow's real temperature into the features, holidays treated as ordinary days.

## What I take from it

1. **Build the baseline first.** It takes twenty minutes and tells you what "good" means for this problem.
2. **Every improvement must beat it,** on the same data and the same metric, or it is not an improvement.
3. **Look at the errors, not only the score.** Our worst hours were all on holidays, which pointed straight at the fix.
4. **Time is a feature and a trap.** Summer time, holidays and leap years broke more models than bad architecture.

None of this is new; [Forecasting: Principles and Practice](https://otexts.com/fpp3/) says it in the first chapters. But I needed to see a simple forecast beat my favourite model to really believe it.

I still want to add a section on how the grid operator uses the forecasts, once I have asked them.
""",
}

POSTS = [
    FEDERATED,
    OPERATING_ROOMS,
    EXPLAINABLE,
    TRAINS,
    LANGUAGE_MODEL,
    FOREST,
    SYNTHETIC_RAIN,
    TRIAGE_NOTES,
    THREE_CODEBASES,
    BED_OCCUPANCY,
    FIRST_AUTUMN,
    GRID_HACKATHON,
]

# (cohort key, index) of the writers whose author pages keep their name private.
PRIVATE_AUTHORS = {("running", 3)}
BIOS = {
    (
        "running",
        0,
    ): "Works on machine learning for healthcare, from skin images to triage notes. Learning Swedish one fika at a time.",
    ("running", 1): "Computer vision and federated learning; happiest when a model runs where the data already is.",
    ("running", 2): "Optimisation and operations research, now with a soft spot for hospital logistics.",
    (
        "running",
        4,
    ): "Språkteknolog som vill att offentlig sektor ska kunna använda språkmodeller på ett ansvarsfullt sätt.",
    ("running", 5): "Machine learning engineer interested in what it takes to keep models useful after launch.",
    ("completed", 0): "Alumnus of the programme, now working on predictive maintenance for rail.",
    ("completed", 1): "Fjärranalys och maskininlärning för skog och mark.",
}
