"""Write the demo's sample week as real-format arXiv RSS files.

Every title, author and abstract here is invented for smartxiv's demo (no text
is copied from arXiv). The week is Monday 23 to Friday 27 November 2026;
Thursday 26 November is an arXiv holiday, so that day's feeds have no items,
as the real ones do. Run from the repository root:

    python scripts/make_sample_week.py
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pipeline.fakes.arxiv import render_rss
from pipeline.paper import PaperRecord

CATEGORIES = ("cs.RO", "cs.CV", "cs.LG", "cs.CL")
OUT = Path(__file__).resolve().parent.parent / "pipeline" / "data" / "sample_week"
MON, TUE, WED, THU, FRI = (date(2026, 11, d) for d in (23, 24, 25, 26, 27))

# (id, day, categories (primary first), title, authors, abstract)
PAPERS = [
    ("2611.10101", MON, ["cs.RO"], "Tactile Feedback Policies for Deformable Object Manipulation",
     "Mira Okafor, Jonas Lindqvist, Priya Raman",
     "Robots that fold cloth or knead dough must sense contact, not only see it. We train manipulation policies that fuse fingertip tactile images with wrist camera views and show that tactile feedback halves the failure rate on towel folding. The policies transfer from simulation with a small set of real demonstrations."),
    ("2611.10102", MON, ["cs.RO", "cs.LG"], "Learning Quadruped Locomotion on Ice with Slip-Aware Rewards",
     "Tobias Brenner, Ana Sof\\'ia Quintero, Wei Zhang",
     "Legged robots fall on low-friction ground because their controllers assume grip. We add a slip estimate to the reward of a reinforcement learning locomotion policy and train across randomized friction. On a real quadruped the policy crosses an ice rink without a fall in 40 trials."),
    ("2611.10103", MON, ["cs.CV"], "Segment Anything in Thermal Images Without Thermal Labels",
     "Hana Kobayashi, Daniel Ortega",
     "Thermal cameras see at night but lack labelled data. We distil an RGB segmentation foundation model into a thermal student using paired frames and no thermal annotations. The student reaches 71.2 mIoU on a thermal driving benchmark, within 3 points of a fully supervised model."),
    ("2611.10104", MON, ["cs.CV", "cs.RO"], "Monocular Depth for Drone Landing in Unmapped Terrain",
     "Lucas Ferreira, Ingrid Solberg, Ahmed Nasser",
     "Small drones landing outside prepared pads need to judge slope and obstacles from a single camera. We fine-tune a monocular depth network on synthetic terrain and couple it with a landing-site scorer. Field tests show safe landings in 92% of attempts on rocky ground."),
    ("2611.10105", MON, ["cs.LG"], "Adaptive Step Sizes for Adam Without Extra Hyperparameters",
     "Rachel Gold, Emeka Eze",
     "Tuning the learning rate remains the most expensive part of training. We derive a step-size rule for Adam that adapts to the local curvature estimated from successive gradients, with no new hyperparameter. On language and vision benchmarks it matches tuned schedules within $0.5\\%$ while needing a single run."),
    ("2611.10106", MON, ["cs.LG", "stat.ML"], "Calibrated Uncertainty for Graph Neural Networks via Conformal Prediction",
     "Sven M\\\"uller, Laila Haddad",
     "Graph neural networks often give confident but wrong predictions on nodes unlike their training data. We adapt conformal prediction to message passing so that prediction sets keep their coverage guarantee under graph exchangeability. Sets are 30% smaller than previous conformal methods at the same coverage."),
    ("2611.10107", MON, ["cs.CL"], "Do Language Models Nudge Voters? Measuring Persuasion in Political Question Answering",
     "Clara Weiss, Tom\\'as Herrera, Nadia Petrova",
     "Chatbots are increasingly asked about elections. We measure how answers from six large language models shift the stated preferences of 2,000 participants on contested policy questions, and find a consistent lean toward the models' own positions. Simple neutrality prompts reduce but do not remove the effect."),
    ("2611.10108", MON, ["cs.CL", "cs.LG"], "Retrieval-Augmented Generation with Citations that Check Themselves",
     "Oliver Grant, Mei Lin",
     "Retrieval-augmented generation systems cite sources that do not support their claims. We train a verifier that scores each sentence against its cited passage and regenerate unsupported sentences. Citation precision rises from 68% to 91% on a question-answering benchmark with a small cost in fluency."),
    ("2611.10109", MON, ["cs.CL"], "A Benchmark for Low-Resource Machine Translation of Legal Texts",
     "Kwame Mensah, Sofia Rossi",
     "Legal documents in under-resourced languages are rarely translated by machines well. We release a parallel corpus of court decisions in nine African languages with English references, and evaluate open and commercial translation systems. Terminology errors dominate, suggesting glossary-constrained decoding."),
    ("2611.10201", TUE, ["cs.RO"], "Whole-Body Motion Planning for Humanoids Carrying Heavy Loads",
     "Yuki Tanaka, Marco Bellini",
     "A humanoid lifting a box shifts its centre of mass beyond what walking controllers expect. We plan whole-body motions with a load-aware model predictive controller and show stable carrying of 15 kg boxes up stairs in simulation and on hardware."),
    ("2611.10202", TUE, ["cs.RO", "cs.CV"], "Visual SLAM that Survives Lighting Changes from Dawn to Dusk",
     "Elena Petrov, Samuel Adeyemi",
     "Visual localisation fails when a map built in the morning is used at night. We learn illumination-invariant keypoint descriptors with a contrastive loss over time-lapse sequences and integrate them in a standard SLAM pipeline. Relocalisation success improves from 41% to 87% across a full day."),
    ("2611.10203", TUE, ["cs.CV"], "Video Diffusion Models Know Physics Less Than They Seem",
     "Jules Martin, Aisha Rahman, Ken Ito",
     "Generated videos look plausible but break conservation laws. We build a test suite of simple physical scenes (falling, bouncing, rolling) and measure trajectory errors in videos from five diffusion models. All models violate momentum conservation in over half of the collisions."),
    ("2611.10204", TUE, ["cs.CV", "eess.IV"], "Few-Shot Tumour Segmentation in MRI with Anatomical Priors",
     "Fatima Zahra Alaoui, Peter Novak",
     "Annotating tumours in MRI takes experts hours per scan. We add an atlas-based anatomical prior to a few-shot segmentation network, which then needs five labelled scans per tumour type. Dice scores improve by 8 points over the best few-shot baseline on two public datasets."),
    ("2611.10205", TUE, ["cs.LG"], "Federated Learning with Clients that Come and Go",
     "Grace Liu, Arjun Mehta",
     "Real federated deployments see phones join and drop out at random. We analyse federated averaging under Markovian client availability and propose a correction that weights updates by estimated participation. Convergence matches the full-participation rate up to a constant."),
    ("2611.10206", TUE, ["cs.LG", "cs.CL"], "Sparse Autoencoders Find Arithmetic Circuits in Small Transformers",
     "Nora Lindgren, Benjamin Cole",
     "Interpretability tools should recover mechanisms we already know. We train transformers on modular addition, where the algorithm is understood, and show that sparse autoencoder features align with the Fourier components of the known circuit. Features found this way let us switch the model's answer by editing two directions."),
    ("2611.10207", TUE, ["cs.CL"], "Speech Recognition for Code-Switched Conversations",
     "Diego Alvarez, Aylin Demir",
     "Bilingual speakers switch languages mid-sentence, which confuses speech recognisers. We collect 120 hours of Spanish-English and Turkish-German conversations and fine-tune a multilingual model with a language-boundary loss. Word error rate falls by a quarter on switched segments."),
    ("2611.10208", TUE, ["cs.CL"], "Evaluating Long-Context Models on Real Meeting Transcripts",
     "Hannah Becker, Ravi Shankar",
     "Long-context benchmarks use synthetic needles in haystacks. We evaluate models on questions about real, hour-long meeting transcripts whose answers need several distant passages. Accuracy drops sharply past 60,000 tokens for every model we test, including those advertised for a million tokens."),
    ("2611.10301", WED, ["cs.RO"], "Soft Grippers that Feel Ripeness",
     "Lena Hoffmann, Kofi Boateng",
     "Harvesting robots bruise fruit they cannot feel. We embed pressure sensors in a soft pneumatic gripper and learn to estimate firmness during the grasp, adjusting grip force in real time. Bruising on peaches drops from 18% to 3% in greenhouse trials."),
    ("2611.10302", WED, ["cs.RO", "cs.LG"], "Diffusion Policies Need Fewer Demonstrations Than You Think",
     "Isabel Moreno, Chen Wei",
     "Imitation learning with diffusion policies is said to need hundreds of demonstrations. We show that with action chunking and data augmentation, 20 demonstrations suffice for eight of ten household manipulation tasks. We release the demonstrations and training code."),
    ("2611.10303", WED, ["cs.CV"], "Gaussian Splatting for Large Outdoor Scenes on a Single GPU",
     "Mateo Silva, Julia Nowak",
     "3D Gaussian splatting renders scenes in real time but runs out of memory on city blocks. We stream Gaussians from a level-of-detail hierarchy and train block by block. A 2 km$^2$ district fits on one 24 GB GPU with rendering quality close to the unconstrained model."),
    ("2611.10304", WED, ["cs.CV", "cs.CL"], "Reading Charts: Vision-Language Models Fail at Axis Scales",
     "Amira Said, Lukas Vogel",
     "Vision-language models answer questions about charts fluently, but often misread values. We isolate axis reading with synthetic charts using linear and logarithmic scales and show accuracy falls from 89% to 37% on log axes. Fine-tuning on rendered charts closes most of the gap."),
    ("2611.10305", WED, ["cs.LG"], "When Does Data Pruning Help Scaling Laws?",
     "Owen Price, Sakura Yamamoto",
     "Pruning easy examples has been claimed to beat power-law scaling. We revisit the claim on five datasets and find gains only when the pruning metric is computed with a model near the final size. With small proxy models, pruning matches random subsampling."),
    ("2611.10306", WED, ["cs.LG", "q-bio.QM"], "Protein Language Models Predict Mutation Effects Across Species",
     "Ines Duarte, Michael O'Brien",
     "Predicting the effect of a mutation helps interpret genetic variants. We fine-tune a protein language model on deep mutational scans from bacteria, yeast and human proteins and find zero-shot transfer to unseen species with a rank correlation of 0.52. Errors concentrate in disordered regions."),
    ("2611.10307", WED, ["cs.CL"], "Tokenizers Treat Languages Unequally, and It Costs Money",
     "Zainab Musa, Erik Johansson",
     "Text in some languages needs many more tokens than the same content in English. We measure token counts for a parallel corpus in 40 languages across eight tokenizers and translate them into API prices. Speakers of some languages pay up to five times more for the same request."),
    ("2611.10308", WED, ["cs.CL", "cs.AI"], "Agents that Ask Before They Act: Clarification in Tool Use",
     "Paul Dubois, Yan Chen, Sara Cohen",
     "Language model agents execute ambiguous instructions instead of asking. We build a benchmark of underspecified tool-use tasks and train agents to ask clarifying questions when the expected cost of a wrong action is high. Task success rises by 22 points while questions stay rare."),
    ("2611.10501", FRI, ["cs.RO"], "Collision-Free Navigation in Crowds with Social Attention",
     "Victor Laurent, Nomvula Dlamini",
     "Robots in train stations must weave through people without startling them. We model pedestrians with an attention network over their predicted paths and plan with a cost on intrusion into personal space. In a real station, the robot's path length grows 6% while close passes fall by half."),
    ("2611.10502", FRI, ["cs.CV"], "Open-Vocabulary Detection for Wildlife Camera Traps",
     "Astrid Nilsson, Joseph Kariuki",
     "Camera traps record millions of images of species detectors were never trained on. We adapt an open-vocabulary detector with taxonomy-aware prompts and evaluate it on 300 species across four continents. Rare-species recall doubles compared with closed-set detectors."),
    ("2611.10503", FRI, ["cs.CV", "cs.LG"], "Self-Supervised Pretraining on Satellite Time Series for Crop Mapping",
     "Raj Patel, Camille Lef\\`evre",
     "Crop type maps need labels that are costly to collect. We pretrain a temporal vision transformer on unlabelled satellite image time series with a masked-reconstruction objective and fine-tune on one region. The model transfers to three other countries with 10% of their labels."),
    ("2611.10504", FRI, ["cs.LG"], "Offline Reinforcement Learning from Hospital Records Without Overestimation",
     "Helen Zhou, Marcus Webb",
     "Learning treatment policies from records risks recommending actions the data never tried. We constrain an offline reinforcement learning agent with a calibrated behaviour model and evaluate it on sepsis treatment records. Estimated returns stay within the confidence bounds of clinician policies."),
    ("2611.10505", FRI, ["cs.LG", "cs.CL"], "Mixture-of-Experts Routing Collapses Under Distribution Shift",
     "Anton Volkov, Leila Farahani",
     "Mixture-of-experts language models route tokens to a few experts. We show that under a domain shift, routing collapses onto two or three experts and perplexity degrades more than in dense models. A load-balancing term computed on unlabelled target text restores most of the loss."),
    ("2611.10506", FRI, ["cs.CL"], "Summarising Scientific Papers for Non-Experts with Controlled Readability",
     "Emma Clarke, Hiroshi Sato",
     "Lay summaries make research accessible, but models write at a fixed level. We condition a summariser on a target reading grade and train it with a readability reward. Human judges rate the summaries as accurate and easier to read than author-written lay summaries."),
    ("2611.10507", FRI, ["cs.CL", "cs.CY"], "Detecting Health Misinformation in Short Videos Across Languages",
     "Rosa Jim\\'enez, Anil Kumar",
     "Short videos spread health claims faster than fact-checkers can follow. We transcribe and classify health claims in videos in six languages and show that models trained on English text miss culturally specific remedies. A small multilingual annotation effort recovers most of the gap."),
]

# Revisions of papers announced before this week: stored, never in an edition.
REVISIONS = [
    ("2610.09911", TUE, ["cs.LG"], 2, "Stochastic Weight Averaging Revisited", "Ada Brooks",
     "We revisit stochastic weight averaging and give a simpler proof of its flat-minimum bias. This version adds experiments on transformers."),
    ("2610.08870", WED, ["cs.CV"], 3, "Event Cameras for Fast Hand Tracking", "Rui Costa, Tess Young",
     "Event cameras capture fast hand motion with little blur. This revision corrects the latency figures."),
    ("2610.07712", FRI, ["cs.AI", "cs.CL"], 2, "Planning with Language Models as World Models", "Ben Kaplan",
     "We use a language model as a world model for symbolic planning. The revised version extends the evaluation."),
]


def records_for(day: date, category: str) -> list[PaperRecord]:
    out = []
    for arxiv_id, when, cats, title, authors, abstract in PAPERS:
        if when != day or category not in cats:
            continue
        out.append(PaperRecord(arxiv_id, 1, title, authors.split(", "), abstract, cats[0], cats,
                               "new" if cats[0] == category else "cross", day))
    for arxiv_id, when, cats, version, title, authors, abstract in REVISIONS:
        if when == day and category in cats:
            out.append(PaperRecord(arxiv_id, version, title, authors.split(", "), abstract, cats[0], cats,
                                   "replace" if cats[0] == category else "replace-cross", day))
    return out


def main() -> None:
    for day in (MON, TUE, WED, THU, FRI):
        folder = OUT / day.isoformat()
        folder.mkdir(parents=True, exist_ok=True)
        for category in CATEGORIES:
            (folder / f"{category}.xml").write_bytes(render_rss(category, day, records_for(day, category)))
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
