"""Demo conference content: five study guides condensed, in our own words, from real conference guides.

Facts, names, dates, figures and references carry over from the originals; the prose is new.
Every key term, timeline event, major party, source and question of each original is here.
Dates are ISO strings: "1948" (year), "2007-03" (month) or "1948-12-10" (day).
"""

CONFERENCE = {
    "slug": "demo",
    "name": "mlmun Demo Conference",
    "edition": "2027",
    "year": 2027,
    "starts_on": "2027-02-12",
    "ends_on": "2027-02-14",
    "description": "Four committees, one theme: how the world answers human trafficking. "
    "The guides are adapted from study guides written for real conferences.",
}

# A second, smaller conference on the same instance, with its own organizer: neither organizer team sees
# the other's conference (drafts, people, exports, admin).
LAKESIDE = {
    "slug": "lakeside",
    "name": "Lakeside Model United Nations",
    "edition": "2027",
    "year": 2027,
    "starts_on": "2027-03-19",
    "ends_on": "2027-03-20",
    "description": "A one-committee school conference: the Human Rights Council on trafficking in human beings.",
}


def S(key, kind, title, *, authors="", container="", publisher="", date="", url="", symbol="", accessed="",
      further=False):
    """A source; further=True for one the seed lists without citing it (printed under Further reading)."""
    return {
        "key": key, "kind": kind, "title": title, "authors": authors, "container": container,
        "publisher": publisher, "date": date, "url": url, "un_symbol": symbol, "accessed": accessed,
        "further_reading": further,
    }


SPECON = {
    "committee": {
        "slug": "specon",
        "abbreviation": "SPECON",
        "name": "Special Conference on Human Trafficking",
        "description": "A special conference on trafficking in persons and its links to terrorism and cybercrime "
        "(adapted from Anavryta Model Lyceum MUN 2020).",
    },
    "topic": "The abduction and trafficking of persons as a means of contemporary terrorism and cyberwarfare",
    "chairs": [("maria.karatoliou", "Maria", "Karatoliou")],
    "chair_roles": {"maria.karatoliou": "Deputy President"},
    # The seed's order: letter, introduction (with its figure), key terms, background information (six
    # sub-headings), major countries and organisations, timeline, UN documents, previous attempts, solutions.
    "sections": [
        ("letter", "Letter from the Deputy President", """Dear delegates,

I am Maria Karatoliou, an eleventh-grade student at Anavryta Model Lyceum, and I will serve as one of the
deputy presidents of this special conference. Nine conferences in three years taught me that MUN is
where you take global problems into your own hands and learn from people who see them differently.

This guide is a starting point, not the whole story: research your own delegation's record and policy.
Write to me with any question about the topic, your policy or the rules of procedure.
I look forward to meeting you in February.

Maria Karatoliou"""),
        ("introduction", "Introduction to the topic", """Trafficking in persons is one of the most widespread forms of enslavement and one of the cruellest crimes
today. An estimated **24.9 million** people are victims of modern slavery [@antislavery-modern]; among trafficking
victims, 71% are women and a quarter are children.

Trafficking also feeds terrorism, both as a source of financing and as a way to recruit. Online, it takes
new forms: victims are recruited and advertised through the internet, captives are sold in online auctions and
traffickers reach more clients.

Traffickers target vulnerability — poverty, social isolation, political unrest, authoritarian rule — and
approach victims as a pretender, a promiser, a provider or a protector, or through a deal with the victim's
family, the way 41% of recruitment happens. No single measure will end it: the response has to prevent
trafficking, identify and empower survivors, and deter traffickers."""),
        ("key_terms", "Definition of key terms", ""),
        ("background", "Background information", """### Trafficking nowadays

Forced labour is as old as history, but after democracy and the declaration of human rights every form of it
is a step backwards. Each year millions of people become victims in their own countries and abroad, and the
trade earns around **$150 billion** a year. It has three elements:

1. **The act**: victims are found in agriculture, hospitality, restaurants, domestic work and in
   prostitution, on the street, online or behind fronts such as massage parlours [@ice-trafficking].
2. **The means**: traffickers exploit desperation and need, offer a way out, and then trap the victim and
   their family; sometimes they use force or abuse of power.
3. **The purpose**: profit or power through sexual exploitation, forced labour or the trade in organs.

### Human trafficking as a terrorist tactic

Terrorist groups have long used sexual violence and abduction widely and systematically, choosing victims along
ethnic, religious and political lines, so that their sexual violence and trafficking for profit overlap more and
more. Trafficking finances such groups and secures ransom payments [@unodc-what-is].

### Profiles of traffickers and trafficking flows

More victims are detected in their own country than across borders, and flows tend to run towards wealthier
countries. Three quarters of detected victims of sexual exploitation are female, while more than half of
those trafficked for forced labour are male. In West Africa most detected victims are children; in South Asia
minors are about as many as adults; in Central America and the Caribbean most are female, many of them girls.
The few national studies in Europe find sexual exploitation the most common form [@glotip-2018-reliefweb].

### Nexus between human trafficking and terrorism

Conflict makes trafficking thrive: people fleeing violence turn to traffickers hoping for safety.
Trafficking differs from **migrant smuggling**. Smuggling ends at the destination and always crosses a border;
trafficking is a cycle of exploitation that lasts as long as the victim brings profit and may never cross a
border. It is a crime against the person, smuggling one against a state's control of its borders, and one
easily turns into the other.

Terrorist groups use trafficking in three ways:

- **Finance**: captives are sold in slave markets and online auctions, exploited sexually, forced into
  marriage or hard labour, or used for organ sale; they also serve as fighters, suicide bombers, cooks, spies
  and messengers.
- **Goals**: abduction spreads terror, secures ransom payments and puts pressure on powerful targets.
- **Recruitment**: people are forced or tricked into joining, then prosecuted for acts they were made to
  commit. The principle of **non-punishment** says victims should not be detained or charged for such acts,
  but it is hard to apply when little is known about them.

Faith's story shows how traffickers approach their victims [@cted-nexus]. A woman promised her a job at a
Nigerian restaurant in Italy; there she was told she owed more than $50,000, forced into prostitution and
threatened with death. She escaped and now helps other women in Italy [@tip-report-2018, p. 8].

### Human trafficking as cybercrime

Cybercrime covers every technology-driven crime, from hacking, ransomware and identity theft to links with
terrorism, child pornography and every form of trafficking. Technology makes selecting, recruiting and selling
victims easier, safer and cheaper for traffickers; used by terrorist groups, it becomes an act of cyberwarfare.

### The Internet as a platform for human trafficking

Fraudulent websites and fake job offers lure victims cheaply, and anonymity protects offenders. On social
media traffickers approach victims or threaten them with personal information they have gathered. The National
Human Trafficking Hotline has recorded recruitment on Facebook, Instagram, Snapchat, WhatsApp and dating sites;
through them, traffickers and terrorists who use trafficking draw more victims in."""),
        ("major_parties", "Major countries and organizations involved", ""),
        ("timeline", "Timeline of events", ""),
        ("un_involvement", "Relevant UN treaties, resolutions and events", """Each document is listed with its address under Further reading.

- *Combating Trafficking in Persons: A Handbook for Parliamentarians* (IPU and UNODC, January 2009) urges
  parliamentarians to act and shows how national laws can meet international standards.
- The IOM thematic paper *Combating Trafficking in Persons and Other Forms of Slavery* (2017) sets out core
  topics and suggestions for negotiators.
- UNODC's *Global Report on Trafficking in Persons 2018* draws attention to trafficking in armed conflict.
- *Understanding Trafficking in Persons in the MENA Region*, a training manual of the Arab Initiative to Combat
  Human Trafficking, analyses causes, forms, routes and measures.
- *Comprehensive Legal Approaches to Combating Trafficking in Persons* (Mohamed Mattar and The Protection
  Project, Johns Hopkins SAIS, 2006) explains the legal approaches that international law calls for.
- *China and the International Human Rights System* (Sonya Sceats and Shaun Breslin, October 2012) analyses
  China's part in the international human rights system."""),
        ("previous_attempts", "Previous attempts to solve the issue", """Russia adopted new legislation, declared trafficking a threat to national security and ended contacts
with North Korea, which ran labour camps on Russian soil. China ratified the UN Trafficking in Persons Protocol
in December 2009, committing to bring its laws in line with international standards within 24 months, and
passed anti-trafficking and anti-smuggling laws. Belarus was among the first countries to join international
initiatives and repealed a 2015 presidential decree that taxed the unemployed or sent them to compulsory
community service."""),
        ("possible_solutions", "Possible solutions", """1. **Law enforcement**: comprehensive anti-trafficking laws covering cyber, domestic and international
   trafficking; training for police, immigration and other officials; a specific offence in line with the
   Palermo Protocol.
2. **Border control**: stronger controls, carriers obliged to check travel documents, and bilateral agreements.
3. **Cyber security**: major criminal investigations against cyber criminals and training technical experts
   to recognise signs of cybercrime.
4. **Awareness**: state campaigns, documentaries, social media, public talks and school seminars, above all
   in high-risk communities."""),
    ],
    "key_terms": [
        ("Human trafficking", "", "Recruiting, transporting, transferring, harbouring or receiving people by threat, force, "
         "coercion, abduction, fraud, deception, abuse of power or of vulnerability, or by payments to someone in "
         "control of them, for the purpose of exploitation.", "palermo-ohchr"),
        ("Coercion", "", "Using force to make someone do something they do not want to do.", None),
        ("Domestic trafficking", "", "Trafficking carried out entirely within one country's borders.", None),
        ("International trafficking", "", "Trafficking in which a person is moved from one country to another to be "
         "exploited.", "bc-international"),
        ("Forced labour", "", "Work or services people are made to do against their will, under threat.", None),
        ("Terrorism", "", "Political violence by state or non-state actors that relies on making civilians afraid.", None),
        ("Cyberwarfare", "", "Using the internet to attack and weaken an enemy.", None),
        ("Internet vigilantism", "", "Online actions aimed at monitoring what others do: individuals or groups taking "
         "grassroots action [@cambridge-grassroots] instead of going through regional or national justice systems.",
         "techopedia-vigilantism"),
        ("Exploitation", "", "Using someone unfairly for one's own advantage.", "cambridge-exploitation"),
        ("Cyber terrorism", "", "Premeditated terrorist attacks on information, computer systems, programs and data.", None),
    ],
    "timeline": [
        ("1948", "The Universal Declaration of Human Rights is adopted.", None),
        ("1997", "The United Nations Office on Drugs and Crime (UNODC) is established.", None),
        ("2000", "The Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children "
         "is adopted.", "palermo-ohchr-page"),
        ("2001", "UN Security Council Resolution 1373.", None),
        ("2006", "The Inter-Agency Coordination Group against Trafficking in Persons and the Global Migration Group, "
         "established by General Assembly resolution A/RES/61/180.", "ares-61-180"),
        ("2007", "Launch of the UN Global Initiative to Fight Human Trafficking (UN.GIFT).", None),
        ("2003", "The United Nations Protocol against Trafficking in Persons.", "ec-protocol-pdf"),
        ("2010", "The UN Global Plan of Action to Combat Trafficking in Persons is adopted.", "ga10968"),
        ("2013", "UNODC's study on cybercrime-related threats.", "oxford-unodc-cybercrime"),
        ("2014", "Security Council Resolution 2195 on terrorism and international peace and security.", "unscr-2195"),
        ("2015", "The Sustainable Development Goals name human trafficking in Goals 5, 8 and 16.", None),
        ("2015", "The EU and UNODC launch GLO.ACT, the Global Action to Prevent and Address Trafficking in Persons "
         "and the Smuggling of Migrants.", "glo-act"),
        ("2018", "The Counter-Terrorism Committee holds an open briefing on the nexus between international "
         "terrorism and transnational organized crime.", None),
        ("2019", "The latest Global Report on Trafficking in Persons.", "glotip-page"),
    ],
    "stakeholders": [
        ("Russian Federation", "member_state", "RU", """Like many post-communist states, Russia saw trafficking surge
after the Soviet collapse, as the economy and social safety net broke down; Slavic and Caucasian women were trafficked
to sex markets worldwide. Most data come from NGOs. Under international pressure the government declared trafficking
a threat to national security in 2004, yet it still does not fully meet the minimum standards for eliminating it."""),
        ("China", "member_state", "CN", """A source, transit and destination country for forced labour and forced
prostitution. Internal trafficking is greatest among a migrant population of more than 250 million. The one-child
policy and a preference for boys left a large gender imbalance. Penalties are now severe, but corruption and weak
enforcement undermine the laws."""),
        ("Belarus", "member_state", "BY", """A source, transit and destination country, for forced prostitution above all,
and for forced begging and construction work in Russia. The Ministry of Interior names single, unemployed women aged
6 to 30 as most at risk; traffickers often make contact through social networks. Reported cases have fallen since
2006, but the government does not fully meet the minimum standards."""),
        ("United States of America", "member_state", "US", """Among the most active opponents of trafficking, yet ranked
with Mexico and the Philippines among the countries where it flourished most in 2018, mainly near travel hubs with
large immigrant populations; there is no official count, but estimates run to several hundred thousand victims.
After the Trafficking Victims Protection Act of 2000 [@tvpa-wikipedia] the State Department set up the Office to
Monitor and Combat Trafficking in Persons in October 2001, which follows trafficking worldwide."""),
        ("Organization for Security and Co-operation in Europe (OSCE)", "igo", "", """Treats security broadly:
politico-military, economic, environmental and human. Its 57 participating states decide by consensus; its decisions
are politically, not legally, binding."""),
        ("A21", "ngo", "", """A volunteer-based initiative of a non-profit founded by Christine Caine in 2008 that
campaigns to abolish slavery everywhere [@a21], with operational offices in 14 countries; it raises awareness and
helps and protects victims."""),
        ("ECPAT-USA (End Child Prostitution and Trafficking)", "ngo", "", """A leading US anti-trafficking voice and member
of the international ECPAT network in over 90 countries, working to protect every child's right to grow up free from
sexual exploitation and trafficking."""),
    ],
    "sources": [
        S("antislavery-modern", "ngo_report", "What Is Modern Slavery?", publisher="Anti-Slavery International",
          url="https://www.antislavery.org/slavery-today/modern-slavery/"),
        S("palermo-ohchr", "treaty", "Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and "
          "Children", publisher="Office of the United Nations High Commissioner for Human Rights", date="2000-11-15",
          url="https://www.ohchr.org/Documents/ProfessionalInterest/ProtocolonTrafficking.pdf"),
        S("bc-international", "government_report", "International vs. Domestic Human Trafficking",
          container="Human Trafficking Training, Module 1", publisher="Government of British Columbia",
          url="https://www2.gov.bc.ca/gov/content/justice/criminal-justice/victims-of-crime/human-trafficking/"
          "human-trafficking-training/module-1/international-vs-domestic"),
        S("cambridge-grassroots", "web_page", "Grassroots", container="Cambridge Dictionary",
          publisher="Cambridge University Press", url="https://dictionary.cambridge.org/dictionary/english/grassroots"),
        S("techopedia-vigilantism", "web_page", "Internet Vigilantism", container="Techopedia",
          url="https://www.techopedia.com/definition/29629/internet-vigilantism"),
        S("cambridge-exploitation", "web_page", "Exploitation", container="Cambridge Dictionary",
          publisher="Cambridge University Press", url="https://dictionary.cambridge.org/dictionary/english/exploitation"),
        S("ice-trafficking", "government_report", "Human Trafficking", container="ICE",
          publisher="U.S. Immigration and Customs Enforcement", url="https://www.ice.gov/features/human-trafficking"),
        S("unodc-what-is", "web_page", "What Is Human Trafficking?", publisher="United Nations Office on Drugs and Crime",
          url="https://www.unodc.org/unodc/en/human-trafficking/what-is-human-trafficking.html"),
        S("glotip-2018-reliefweb", "un_document", "Global Report on Trafficking in Persons 2018", container="ReliefWeb",
          authors="United Nations Office on Drugs and Crime", date="2018",
          url="https://reliefweb.int/report/world/global-report-trafficking-persons-2018"),
        S("cted-nexus", "un_document", "Identifying and Exploring the Nexus between Human Trafficking, Terrorism, and "
          "Terrorism Financing", publisher="United Nations Security Council Counter-Terrorism Committee Executive "
          "Directorate", date="2019-02",
          url="https://www.un.org/sc/ctc/wp-content/uploads/2019/02/HT-terrorism-nexus-CTED-report.pdf"),
        S("tvpa-wikipedia", "web_page", "Victims of Trafficking and Violence Protection Act of 2000", container="Wikipedia",
          url="https://en.wikipedia.org/wiki/Victims_of_Trafficking_and_Violence_Protection_Act_of_2000"),
        S("a21", "ngo_report", "A21", publisher="A21", url="https://www.a21.org/index.php?site=true"),
        S("palermo-ohchr-page", "treaty", "Protocol to Prevent, Suppress and Punish Trafficking in Persons Especially Women "
          "and Children", container="OHCHR", publisher="Office of the United Nations High Commissioner for Human Rights",
          url="https://www.ohchr.org/EN/ProfessionalInterest/Pages/ProtocolTraffickingInPersons.aspx"),
        S("ares-61-180", "un_document", "Improving the Coordination of Efforts against Trafficking in Persons",
          authors="United Nations General Assembly", date="2006-12-20", symbol="A/RES/61/180",
          url="https://www.un.org/en/development/desa/population/migration/generalassembly/docs/globalcompact/"
          "A_RES_61_180.pdf"),
        S("ec-protocol-pdf", "treaty", "United Nations Protocol on Trafficking in Human Beings",
          publisher="European Commission", url="https://ec.europa.eu/anti-trafficking/sites/antitrafficking/files/"
          "united_nations_protocol_on_thb_en_4.pdf"),
        S("ga10968", "un_document", "General Assembly Adopts Global Plan of Action to Combat Trafficking in Persons",
          container="Meetings Coverage and Press Releases", publisher="United Nations", date="2010-08-31",
          symbol="GA/10968", url="https://www.un.org/press/en/2010/ga10968.doc.htm"),
        S("oxford-unodc-cybercrime", "academic", "UNODC Comprehensive Study on Cybercrime",
          container="Global Cyber Security Capacity Centre", publisher="University of Oxford", date="2013",
          url="https://www.sbs.ox.ac.uk/cybersecurity-capacity/content/unodc-comprehensive-study-cybercrime"),
        S("unscr-2195", "un_document", "Resolution 2195 (2014)", authors="United Nations Security Council",
          date="2014-12-19", symbol="S/RES/2195 (2014)", url="http://unscr.com/en/resolutions/doc/2195"),
        S("glo-act", "web_page", "Global Action to Prevent and Address Trafficking in Persons and the Smuggling of "
          "Migrants (GLO.ACT)", publisher="United Nations Office on Drugs and Crime",
          url="https://www.unodc.org/unodc/en/human-trafficking/glo-act/index.html"),
        S("glotip-page", "web_page", "Global Report on Trafficking in Persons",
          publisher="United Nations Office on Drugs and Crime",
          url="https://www.unodc.org/unodc/en/human-trafficking/global-report-on-trafficking-in-persons.html"),
        S("tip-report-2018", "government_report", "Trafficking in Persons Report", authors="U.S. Department of State",
          date="2018", publisher="U.S. Department of State"),
        S("handbook-parliamentarians", "un_document", "Combating Trafficking in Persons: A Handbook for Parliamentarians",
          authors="Inter-Parliamentary Union and United Nations Office on Drugs and Crime", date="2009-01",
          url="https://www.unodc.org/documents/middleeastandnorthafrica/human_trafficking_indicators/"
          "Handbook_for_Parliamentarians_tafficking_in_persons_English_.pdf", further=True),
        S("iom-thematic", "ngo_report", "Combating Trafficking in Persons and Other Forms of Slavery",
          container="IOM Thematic Paper", publisher="International Organization for Migration", date="2017",
          url="https://www.iom.int/sites/default/files/our_work/ODG/GCM/IOM-Thematic-Paper-Trafficking-in-persons.pdf", further=True),
        S("glotip-2018-book", "un_document", "Global Report on Trafficking in Persons 2018",
          publisher="United Nations Office on Drugs and Crime", date="2018",
          url="https://www.unodc.org/documents/data-and-analysis/glotip/2018/GLOTiP_2018_BOOK_web_small.pdf", further=True),
        S("mena-manual", "ngo_report", "Understanding Trafficking in Persons in the MENA Region",
          authors="The Arab Initiative to Combat Human Trafficking", publisher="The Protection Project", date="2013-10",
          url="http://www.protectionproject.org/wp-content/uploads/2012/04/"
          "Understanding-Trafficking-in-Persons-in-the-MENA-Region_Oct-2013.pdf", further=True),
        S("mattar-2006", "academic", "Comprehensive Legal Approaches to Combating Trafficking in Persons: An International "
          "and Comparative Perspective", authors="Mattar, Mohamed Y.",
          publisher="The Protection Project, Johns Hopkins University Paul H. Nitze School of Advanced International "
          "Studies", date="2006",
          url="https://www.icmec.org/wp-content/uploads/2015/10/The_Protection_Project_Comprehensive_Approaches_to_THB.pdf", further=True),
        S("sceats-breslin", "academic", "China and the International Human Rights System",
          authors="Sceats, Sonya, and Shaun Breslin", publisher="Chatham House", date="2012-10",
          url="https://www.chathamhouse.org/sites/default/files/public/Research/International%20Law/"
          "r1012_sceatsbreslin.pdf", further=True),
    ],
    "questions": [],
    "figures": [
        {"after": "Introduction to the topic", "image": "specon-approach-methods",
         "caption": "The most common methods used by traffickers when approaching their victims",
         "alt": "Five boxes: the pretender, the promiser, the provider, the protector, and a deal with the victim's "
                "family, which accounts for 41% of recruitment.",
         "credit": "Redrawn by mlmun from the guide's text."},
    ],
}

UNODC = {
    "committee": {
        "slug": "unodc",
        "abbreviation": "UNODC",
        "name": "United Nations Office on Drugs and Crime",
        "description": "Human trafficking and migrant smuggling in correlation with organized crime "
        "(adapted from DPSH MUN 2022).",
    },
    "topic": "Human trafficking and migrant smuggling in correlation with organized crime",
    "chairs": [("eswar.chava", "Eswar", "Chava"), ("mayukha.n", "Mayukha", "N")],
    "chair_roles": {"eswar.chava": "Chairperson", "mayukha.n": "Vice-Chairperson"},
    # The seed's order: letter, points to remember, the committee's mandate, the agenda (one long part with many
    # headings), past international action, conclusion, questions, references. Its references are a bare list of
    # addresses that no sentence cites, so they are listed as further reading and nothing here cites them.
    "sections": [
        ("letter", "Letter from the Executive Board", """Dear delegates,

Welcome to the UNODC. This background guide gives you a footing for your research, not its limits: go well
beyond it, and do not cite it as evidence in debate. Bring us any question, procedural or otherwise; we expect
you to know the agenda's nuances and to come ready for intense debate.

Eswar Chava, Chairperson, and Mayukha N, Vice-Chairperson"""),
        ("other", "Points to remember", """- **Procedure**: the committee follows the UNA-USA Rules of Procedure. The Executive Board will be strict,
  but the agenda comes first, so do not let procedure silence you.
- **Foreign policy**: staying true to your country's policy is what makes this a Model UN; breaking it without
  good reason is among the worst mistakes a delegate can make.
- **The Executive Board** facilitates and may ask questions at any time; the delegates steer the debate.
- **Evidence** accepted in debate: documents and findings of the UN and its bodies; government reports, which
  other states may deny; Reuters articles; reports of state-operated news agencies such as RIA Novosti or Xinhua,
  for or against their own state. Reports from NGOs working with UNESCO, UNICEF and other UN bodies are accepted;
  Wikipedia and newspapers such as the Guardian or the Times of India are not."""),
        ("introduction", "Mandate and organization of the UNODC", """UNODC helps member states against crime, illicit drugs and terrorism; in the Millennium Declaration
member states pledged to step up their efforts on all three. Its work programme rests on three pillars:

- **field-based technical cooperation** that builds states' capacity against drugs, crime and terrorism;
- **research and analysis** that widens the evidence for policy and operations;
- **normative work** that helps states ratify and implement the treaties, write domestic law and run the
  treaty bodies.

It also assists member states on organized crime and trafficking, corruption, crime prevention and criminal
justice reform, drug abuse prevention and health, and terrorism prevention."""),
        ("background", "Agenda: human trafficking and migrant smuggling in correlation with organized crime",
         """### Overview

Globalisation and technology let transnational organized crime grow, and the international response must keep
up. International enforcement takes three forms: the International Criminal Court, which tries individuals for
crimes such as crimes against humanity; the International Court of Justice, which settles disputes between
states and gives advisory opinions; and extradition, which INTERPOL supports as a platform for police forces to
share information. Cooperation is not always willing: corrupt or autocratic governments may abuse these tools to
jail opponents, and others ignore them. Corruption, weak accountability and poor results breed mistrust.

UNODC estimates that transnational crime earns more than **USD 870 billion** a year — more than Google, Nike and
Starbucks together — while the ICC's gross budget is only USD 179 million. Globalisation, tourism-related
exploitation and growing inequality explain much of the recent rise in organized crime.

### Introduction

UNODC defines human trafficking as acquiring people by improper means such as force, fraud or deception in order
to exploit them. It happens in almost every country, of origin, transit or destination, and in every social
class. It is thought to be the third-largest criminal activity in the world, yet it hides behind internet
portals, fake businesses and wealthy patrons.

In a 2013 UNODC report, sex trafficking made up 79% of cases and forced labour 18%. According to Shared Hope
International, children commonly enter sex trafficking at 14 to 16, too young to understand what is happening or
to be believed when they ask for help; smartphones put them in reach of traffickers. Technology frees traffickers
but also gives police new ways to track them; the hardest task is making sure police and courts can investigate
and prosecute properly, and states differ widely in readiness and will. Trafficking strikes developing and
developed countries alike.

### Alternate purposes for trafficking: sex tourism

A 1995 WTO statement on the prevention of organized sex tourism defines it as trips organized within the tourism sector, or using its
structures and networks, mainly for the tourist's commercial sexual relationship with residents at the
destination. Growing tourism brings jobs and growth but also businesses that exploit women, men and children.
Airlines and hotels have printed leaflets and funded campaigns against it; Marriott International trains its
staff and runs outreach programmes that give vulnerable young people, survivors of trafficking among them,
training and new opportunities in its hotels.

Special Rapporteur Najat Maalla M'jid (2013) gave five reasons for the rise of sex tourism: an ever more
connected world; a growing tourism industry; children made vulnerable by conflict, financial crises, inequality
and social norms (the 2016 UNODC Global Report adds that the migrant crisis opens new routes for displaced
people); a persistent and growing demand for sex with children; and the lack of a global legal framework. Cheap
flights opened the trade to far more travellers. In Thailand and Cambodia, where prostitution is forbidden, red-light
districts in Bangkok and Phnom Penh operate because police and politicians look away.

### Money laundering

Money laundering, human trafficking and sex trafficking are closely intertwined: tackling laundering would make
it harder for traffickers to move money. There are over 40.3 million victims, and the FATF report *Financial Flows
from Human Trafficking* puts trafficking's criminal proceeds at $150 billion in 2018. Banks therefore have an
important part in detection; regulators publish red flags such as:

- large deposits withdrawn at once in towns near international borders;
- card payments in even amounts between 10 pm and 6 am;
- several victims sharing account details, such as a phone number or address;
- sudden changes in a customer's account activity;
- anonymous financial instruments used to pay bills;
- structured deposits across several branches.

### Role and actions of UNODC

UNODC and the international community must raise awareness, keep trafficking on the agenda amid other conflicts
and further cooperation between governments, NGOs, communities and individuals. The 2010 Global Plan of Action
asks UNODC for technical assistance in implementing the Convention and the Trafficking Protocol. About 12.3
million adults and children are in forced labour, bonded labour or commercial sexual servitude at any time, and
around 80% of transnational victims are women and girls. Sexual exploitation alone earns an estimated US$27.8
billion a year; in the Asia-Pacific region prevalence is 3 per 1,000 inhabitants, against 1.8 worldwide.

### Human trafficking and migrant smuggling

Both crimes use men, women and children for profit and prey on people who are vulnerable, desperate or seeking a
better life. UNODC works to dismantle the enterprises behind them and convict the main perpetrators. The
obstacles are known: lack of knowledge, of a national legal framework, of policy and capacity; limited protection
of victims; limited international cooperation.

### Migrant smuggling

Migrant smuggling is helping someone enter a country irregularly, where they are neither national nor resident,
for a financial or other material benefit. The Smuggling Protocol, adopted in November 2000 with the Convention
against Transnational Organized Crime, was the first global instrument with an agreed definition; its parties
must criminalise smuggling, protect smuggled migrants' rights and prevent the abuse that comes with it.

### The smuggling of migrants: a deadly business

The data are too scattered to count smuggled people or map their routes, but trends are clear. As border
controls tighten, most irregular migrants turn to profit-seeking smugglers, who organise in networks across
regions because the business pays well and is rarely detected. Some sell costly services built on forged
documents or fraudulent visas; others use cheap methods that put migrants at great risk. Smugglers change routes
quickly, often at migrants' expense, and thousands have died through their indifference or cruelty.

### Criminalization of the offence of trafficking in persons

The lack of adequate national laws is a major obstacle; definitions, procedures and cooperation must be
harmonised with international standards. The Trafficking Protocol requires states to criminalise trafficking in
its entirety, as defined in its Article 3, not only some underlying offences, as well as the attempt, taking part
as an accomplice, and organising or directing others to commit it. The guide also lists regional priorities:
better coordinated subregional responses built on early-warning mechanisms, networks that identify and assist
victims, an end to impunity, better monitoring and reporting, and disarmament, demobilisation, rehabilitation and
reintegration programmes with specialised programmes for girls.

### Impact of COVID-19 on human trafficking

**Online prey.** Traffickers exploited lost incomes and the time adults and children spent online. UNODC's
Executive Director Ghada Waly warned that the pandemic increased vulnerability while making trafficking harder to
detect and leaving victims without help or justice.

**Job loss.** Job losses let criminal networks exploit desperate people, and children were increasingly recruited
through social media for sexual exploitation, forced marriage, forced begging and forced crime, UNODC's Ilias
Chatzis said.

**No escape.** With lockdowns and reduced services, victims had even less chance to escape; with borders closed,
many rescued victims stayed for months in shelters in the countries where they had been exploited.

**Crime thrives.** Traffickers moved from closed bars, clubs and massage parlours to private homes and online,
and in some countries anti-trafficking police were reassigned to pandemic duties.

### Addressing trafficking beyond the criminal justice response

The Trafficking Protocol supplements the Convention against Transnational Organized Crime. Beyond cooperation in
investigation and prosecution, it focuses on prevention, above all of the exploitation of women and children, and
on protecting victims: housing, counselling, medical and material help, education and work, and the chance for
migrant victims to stay in the country. Its Article 9(4) asks states to address poverty, underdevelopment and
unequal opportunity — a call the guide finds more urgent with the recession that followed COVID-19.

### Trafficking in the Asia-Pacific region

**East Asia and the Pacific.** Most offenders were nationals of the country where the case was reported; the share
of minors among victims had risen, and most victims were trafficked for sexual exploitation. Forced labour was
found among victims returning to Indonesia, Mongolia and the Mekong sub-region (Cambodia, Laos and Thailand), and
domestic servitude and forced begging among victims trafficked to Thailand. Trafficking was mostly within the
region.

**South and South-West Asia.** UNODC could collect nothing on offenders here. Sexual exploitation was most often
reported, but forced labour seemed as common, and a few Indian states reported organ removal and forced marriage.
Domestic, intra-regional and trans-regional trafficking were all found.

### Enforcement of international law: obstacles

Victims fear to name traffickers. Trafficking crosses borders and jurisdictions, violates several laws and is not
a one-time event, so building a case costs time and money that many states lack. Border guards and police are
rarely trained in the law on trafficking, so victims are often arrested or deported as criminals or illegal
immigrants, and language barriers hamper interviews. UN.GIFT helps with awareness and technical assistance:
draft laws, manuals for police and victims, and fact sheets."""),
        ("previous_attempts", "Past international action", """Former Secretary-General Kofi Annan warned that criminal groups embraced the globalised economy and its
technology while the efforts against them stayed fragmented. The Trafficking Protocol, adopted by General Assembly
resolution 55/25 in November 2000, entered into force on 25 December 2003 as the first legally binding global
instrument with an agreed definition; by February 2018, 173 countries had signed it. Its definition aims at
national offences that converge, so that states can cooperate, and it protects victims with full respect for
their rights. Article 3(a) defines trafficking and then the exploitation it serves, at a minimum sexual
exploitation, forced labour or services, slavery or similar practices, servitude and the removal of organs.

UNODC's 2014 Global Report, based on data from 155 countries, was the first global assessment. It made five
points: awareness has grown; people now ask how big the crime is and what they can do; there is a bias towards
sex trafficking; women take part not only as victims but as traffickers, often former victims; and awareness must
be raised globally. The 2016 report found convictions still low, tightly linked to how long a country's law has
existed, but noted that trafficking had entered the 2030 Agenda.

### Blue Heart Campaign

Established by UNODC in 2009, it supports countries in implementing the protocols and monitors how they are
applied. The blue heart stands for the sadness of those who are trafficked and the cold heart of those who buy and
sell people. Its proceeds go to the UN Voluntary Trust Fund for Victims of Trafficking in Persons, Especially Women
and Children, which the General Assembly created in August 2010 so that governments, companies, international
organisations, NGOs and individuals can help victims together; UNODC manages it.

### Technological developments

The internet has opened new paths for trafficking, above all for the commercial sexual exploitation of children:
almost 150,000 new escort advertisements appear online every day, often disguised as harmless ads on sites such as
Craigslist and eBay. Police lack the tools, capacity and jurisdiction to follow leads, and it is unclear whose law
applies — the buyer's, the seller's or that of the country where a page is registered. Prosecutors skim hundreds
of ads and may find one lead in 100 cases. Yet technology also helps: banks can follow the money through online
transactions, and better cooperation and IT tracking could speed up prosecutions. Article 7(1)(a) of the
Convention asks every state to regulate and supervise banks and other institutions to detect money laundering,
with customer identification, record-keeping and reports of suspicious transactions."""),
        ("other", "Conclusion", """Trafficking is complex, but legal tools exist. Even states outside the Convention and its protocols must
protect trafficked persons under the Universal Declaration of Human Rights, part of customary international law.
Compliance and enforcement are hard but not impossible; UN.GIFT adds funds, but states cannot rely on UN
programmes alone. Regional cooperation is promising because trafficking crosses borders. Like pollution,
trafficking is everyone's problem: the world abolished slavery together and must do so again."""),
        ("questions", "Questions a resolution must answer", ""),
    ],
    "key_terms": [],
    "timeline": [],
    "stakeholders": [],
    "sources": [
        S("unodc-wca-strategy", "un_document", "UNODC Regional Strategy for Combating Trafficking in Persons and Smuggling "
          "of Migrants 2015-2020", container="West and Central Africa", publisher="United Nations Office on Drugs and Crime",
          date="2016", url="https://css.unodc.org/documents/human-trafficking/2016/"
          "UNODC_Regional_Strategy_for_Combating_TIP_SOM_West_and_Central_Africa_2015-2020.pdf", further=True),
        S("sherloc-sea-smuggling", "academic", "Migrant Smuggling by Sea: Combating a Current Threat to Maritime Security "
          "through the Creation of a Cooperative Framework", container="SHERLOC Bibliography",
          publisher="United Nations Office on Drugs and Crime", date="2010",
          url="https://sherloc.unodc.org/cld/bibliography/2010/migrant_smuggling_by_sea_combating_a_current_threat_to_"
          "maritime_security_through_the_creation_of_a_cooperative_framework.html", further=True),
        S("state-hstc", "government_report", "Human Smuggling and Trafficking Center", publisher="U.S. Department of State",
          url="http://www.state.gov/m/ds/hstcenter/90434.htm", further=True),
        S("thomson-reuters-fraud", "web_page", "Healthcare Fraud Webinar", container="Thomson Reuters",
          url="https://www.thomsonreuters.com/en-us/posts/investigation-fraud-and-risk/healthcare-fraud-webinar/",
          further=True),
        S("aljazeera-2022", "news", "US Hits Out at Russia, China in Annual Human Trafficking Report",
          container="Al Jazeera", date="2022-07-19",
          url="https://www.aljazeera.com/news/2022/7/19/us-hits-out-at-russia-china-in-annual-human-trafficking-report",
          further=True),
        S("reuters-2010", "news", "Reuters Report on Crime and the United Nations", container="Reuters", date="2010-06-17",
          url="https://www.reuters.com/article/us-crime-un-idUSTRE65G5H820100617", further=True),
    ],
    "questions": [
        ("resolution", "How can member states come together to curb human trafficking?"),
        ("resolution", "Does the illicit drug trade affect trafficking and migrant smuggling, and how?"),
        ("resolution", "How does transnational organized crime drive the increase in human trafficking?"),
        ("resolution", "How does migrant smuggling differ from human trafficking, and which provisions deal with each?"),
        ("resolution", "What regional or international action has your country taken on these issues?"),
        ("resolution", "How can countering money laundering help against human trafficking and migrant smuggling?"),
    ],
}

CCPCJ = {
    "committee": {
        "slug": "ccpcj",
        "abbreviation": "CCPCJ",
        "name": "Commission on Crime Prevention and Criminal Justice",
        "description": "Strengthening the coordination of efforts against human trafficking.",
    },
    "topic": "Strengthening coordination of efforts to combat human trafficking",
    "chairs": [("amy.lie", "Amy", "Lie")],
    "chair_roles": {"amy.lie": "President"},
    # The seed's order: introduction, key terms (with Figure 1), a general overview with sub-headings, parties,
    # timeline, UN involvement, previous attempts, solutions, bibliography, nine appendices. Its text carries no
    # in-text citations, only a bibliography at the end, so nothing here is cited: the bibliography is listed as
    # further reading, and each appendix names its document and address as the seed does.
    "sections": [
        ("introduction", "Introduction", """More than 150 years after the Emancipation Proclamation in the United States and the Abolition Act in the
United Kingdom, slavery is still widespread. Trafficking is modern servitude, against Article 4 of the Universal
Declaration of Human Rights (freedom from slavery). It is the fastest growing criminal activity in the world, with
an estimated **40.3 million** victims and very low prosecution rates.

It happens within countries and communities and touches every background, though some people are more vulnerable
than others. Most victims were trying to escape poverty, persecution or discrimination, or to support their
families; traffickers lure them with false job offers, relationships or money, then trap them and often take their
documents. Social media and online platforms now serve traffickers to find and recruit victims and to advertise
them, and COVID-19 deepened the economic and social inequalities at trafficking's roots."""),
        ("key_terms", "Definition of key terms", ""),
        ("background", "General overview", """### Principal types of human trafficking

The main purposes are sexual exploitation, forced labour, organ harvesting and forced marriage; which one
dominates differs by region. Data remain uncertain and under-reported because the crime is sophisticated and few
survivors speak out, and those sexually exploited often fear prosecution where prostitution is criminalised.

**Sexual exploitation** affects females almost exclusively. It runs through prostitution, online pornography, sex
tourism, fake massage businesses, escort services and more, and it is driven by demand: more buyers send
traffickers looking for more victims. Traffickers are often romantic partners or family members who groom their
victims with love or protection until the victims unknowingly cooperate in their own exploitation.

**Forced labour** affects an estimated 24.9 million women, men and children, most of all in Asia (4 in 1,000
people), mainly in domestic work and then construction. Poverty, unemployment, little education and a weak rule of
law let traffickers recruit with false job advertisements and act with impunity. Victims live in shared shacks
without heating or plumbing and face threats, harm, restricted movement, withheld wages and confiscated documents.

### Vulnerability

Demand for cheap labour and sex, and traffickers' choice to profit from others, drive the trade. Traffickers
exploit the wish to migrate, winning trust before turning coercive once the victim has moved; people migrate to
escape poverty, oppression, lack of opportunity, war and natural disasters. The (false) promise of money is another
pull: parents may migrate to provide for their children, or even sell them hoping they escape chronic poverty.
Internet and television spread false pictures of richer countries, and traffickers recruit through online
advertisements and messages.

### Consequences

Survivors carry lasting physical and psychological trauma: post-traumatic stress, depression, anxiety, injuries
from beatings and torture, sexually transmitted diseases and exposure to harmful chemicals. Some become traffickers
to escape victimisation, which feeds the cycle. Many organisations work against the crime, among them UNICEF, which
focuses on children's rights and well-being, and the ILO, which works for victims of forced labour; most aim to
prosecute traffickers, protect victims and prevent trafficking."""),
        ("major_parties", "Major parties involved", ""),
        ("timeline", "Timeline of key events", ""),
        ("un_involvement", "UN involvement, relevant resolutions, treaties and events", """- The Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children,
  supplementing the Convention against Transnational Organized Crime, 12 December 2000 (Appendix I).
- ECOSOC resolution 2006/27 on international cooperation against trafficking and the protection of its victims,
  27 July 2006 (Appendix II).
- ECOSOC resolution 2008/33 on coordinating the efforts of the UN and others, 25 July 2008 (Appendix III).
- The UN Global Plan of Action to Combat Trafficking in Persons, 30 July 2010, A/RES/64/293 (Appendix IV).
- Improving the coordination of efforts against trafficking in persons, 20 December 2012, A/RES/67/190
  (Appendix V).
- CCPCJ resolution 27/2 on trafficking facilitated by the criminal misuse of information and communications
  technologies, 2018 (Appendix VII).
- CCPCJ resolution 27/3 on protecting children against such trafficking, 2018 (Appendix VIII)."""),
        ("previous_attempts", "Previous attempts to solve the issue", """The **Palermo Protocol** was the first legally binding treaty with an international definition of trafficking,
a tool for recognising its forms and identifying victims. Its 178 parties must criminalise trafficking and pass
laws against it, yet many traffickers go unpunished and conviction rates stay low; some countries record no
convictions at all.

**ICAT** improved coordination: organisations that had worked alone came together, analysed gaps in protocols and
laws and published key papers. It added a fourth P, Partnership, to the "3P" framework of Prosecution, Protection
and Prevention.

The **CCPCJ resolutions** of 2018 addressed technology and the internet, for awareness campaigns and for finding
traffickers in companies' supply chains. Public movements followed, such as UNODC's Blue Heart Campaign and
UN.GIFT's Open Your Eyes to Human Trafficking, but many victims are still recruited and exploited online."""),
        ("possible_solutions", "Possible solutions", """Organisations pursue different agendas: UNICEF protects the child's wellbeing, others put prosecution first.
Opposing priorities make collaboration hard, and information is often not shared. Member states could agree on
common priorities and on how nations and organisations communicate.

Across borders, sharing information on potential traffickers and victims lets routes be followed from source to
destination. Multilateral agreements and the disclosure of vital information could speed up finding victims and
prosecuting perpetrators, and high-risk countries could patrol their borders more closely."""),
        ("appendix", "Appendix I", """The Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children,
supplementing the United Nations Convention against Transnational Organized Crime, 12 December 2000.

<https://www.unhcr.org/protection/migration/4d52493b6/protocol-prevent-suppress-punish-trafficking-persons-especially-women-children.html>"""),
        ("appendix", "Appendix II", """Strengthening international cooperation in preventing and combating trafficking in persons and protecting
victims of such trafficking, 27 July 2006 (ECOSOC 2006/27).

<https://www.unodc.org/documents/commissions/CCPCJ/Crime_Resolutions/2000-2009/2006/ECOSOC/Resolution_2006-27.pdf>"""),
        ("appendix", "Appendix III", """Strengthening coordination of the United Nations and other efforts in fighting trafficking in persons,
25 July 2008 (ECOSOC resolution 2008/33).

<https://www.un.org/en/ecosoc/docs/2008/resolution%202008-33.pdf>"""),
        ("appendix", "Appendix IV", """United Nations Global Plan of Action to Combat Trafficking in Persons, 30 July 2010 (A/RES/64/293).

<https://documents-dds-ny.un.org/doc/UNDOC/GEN/N16/453/06/PDF/N1645306.pdf?OpenElement>"""),
        ("appendix", "Appendix V", """Improving the coordination of efforts against trafficking in persons, 20 December 2012 (A/RES/67/190).

<https://www.un.org/en/development/desa/population/migration/generalassembly/docs/globalcompact/A_RES_67_190.pdf>"""),
        ("appendix", "Appendix VI", """Global Estimates of Modern Slavery: Forced Labour and Forced Marriage, 2017.

<https://www.ilo.org/wcmsp5/groups/public/---dgreports/---dcomm/documents/publication/wcms_575479.pdf>"""),
        ("appendix", "Appendix VII", """Preventing and combating trafficking in persons facilitated by the criminal misuse of information and
communications technologies, 2018 (CCPCJ 27/2).

<https://www.unodc.org/documents/commissions/CCPCJ/CCPCJ_Sessions/CCPCJ_27/CCPCJ_res2018/CCPCJ_Resolution_27_2.pdf>"""),
        ("appendix", "Appendix VIII", """Improving the protection of children against trafficking in persons, including by addressing the criminal
misuse of information and communications technologies, 2018 (CCPCJ 27/3).

<https://www.unodc.org/documents/commissions/CCPCJ/CCPCJ_Sessions/CCPCJ_27/CCPCJ_res2018/CCPCJ_Resolution_27_3.pdf>"""),
        ("appendix", "Appendix IX", """United Nations Office on Drugs and Crime, Global Report on Trafficking in Persons, 2020.

<https://www.unodc.org/documents/data-and-analysis/tip/2021/GLOTIP_2020_15jan_web.pdf>"""),
    ],
    "key_terms": [
        ("Human trafficking", "", "Recruiting and moving people by deception or coercion to exploit them for profit; "
         "physical and psychological harm is used to control victims.", None),
        ("Action-Means-Purpose Model", "AMP", "A way of showing the definition of trafficking used in the US Trafficking "
         "Victims Protection Act (2000): an action, carried out by a means, for the purpose of commercial sex or labour. "
         "One element of each is needed, except for minors in commercial sex.", None),
        ("Sexual exploitation", "", "People who joined the commercial or private sex industry involuntarily, or joined "
         "voluntarily and cannot leave; it includes every child in the commercial sex industry.", None),
        ("Commercial sex act", "", "Prostitution, pornography or a sexual act exchanged for food, shelter, money, "
         "clothes or other necessities.", None),
        ("Forced labour", "", "Work done involuntarily under threat of punishment, in domestic, agricultural, "
         "construction or other work.", None),
        ("Debt bondage", "", "Using a personal debt to force someone, and sometimes their family, to work; it can last "
         "generations, and the work done usually exceeds the debt.", None),
    ],
    "timeline": [
        # As the seed's timeline gives them: its events carry no citations, so none is attached here.
        ("1948-12-10", "The Universal Declaration of Human Rights is adopted.", None),
        ("2000-12-12", "The Palermo Protocol is established.", None),
        ("2004", "The UN Special Rapporteur on Trafficking in Persons, Especially Women and Girls, is appointed.", None),
        ("2006", "STOP THE TRAFFIK is founded.", None),
        ("2006-07-27", "ECOSOC resolution 2006/27 is passed.", None),
        ("2007-03", "ICAT is established.", None),
        ("2007-03-26", "UN.GIFT is established.", None),
        ("2008-07-25", "ECOSOC resolution 2008/33 is passed.", None),
        ("2010-07-30", "The United Nations Global Plan of Action to Combat Trafficking in Persons.", None),
        ("2012-12-20", "General Assembly resolution 67/190 is passed.", None),
        ("2018", "CCPCJ resolutions 27/2 and 27/3 are passed.", None),
        ("2021-11", "High-level meeting to appraise the UN Global Plan of Action to Combat Trafficking in Persons.", None),
    ],
    "stakeholders": [
        ("United Nations Office on Drugs and Crime (UNODC)", "un_body", "", """Works against illicit drugs, organized
crime, corruption and terrorism; on trafficking it seeks to end the crime, convict perpetrators and protect people
from abuse and exploitation."""),
        ("Inter-Agency Coordination Group against Trafficking in Persons (ICAT)", "un_body", "", """Brings more than 25
UN agencies and international organisations together for a comprehensive approach, including victim support; it
exchanges information and advises on strategies."""),
        ("United Nations Global Initiative to Fight Human Trafficking (UN.GIFT)", "un_body", "", """Launched in March 2007
by several agencies to build tools against trafficking with many partners, on the belief that coordination is
essential."""),
        ("International Labour Organization (ILO)", "un_body", "", """Brings governments, employers and workers together
on labour standards; in 2014 its members adopted a Protocol linking forced labour and trafficking, stressing
protection, prevention and compensation."""),
    ],
    "sources": [
        S("antislavery-forced-labour", "ngo_report", "Forced Labour. What Is Forced Labour?",
          container="Anti-Slavery International", date="2016", url="https://www.antislavery.org/slavery-today/forced-labour/", further=True),
        S("giz-2008", "government_report", "Forced Labour and Trafficking in Persons",
          authors="Deutsche Gesellschaft für Technische Zusammenarbeit", date="2008-06",
          url="https://www.oecd.org/dac/gender-development/44896368.pdf", further=True),
        S("glavin-2018", "web_page", "Causes of Commercial Sexual Exploitation of Children", authors="Glavin, Chris",
          container="K12 Academics", date="2018-09-28",
          url="https://www.k12academics.com/sexual-abuse/child-sexual-abuse/types/commercial-sexual-exploitation-children/causes", further=True),
        S("hartmann-2021", "web_page", "Causes & Effects of Human Trafficking", authors="Hartmann, Micah",
          container="The Exodus Road", date="2021-07-06", url="https://theexodusroad.com/causes-effects-of-human-trafficking/", further=True),
        S("ilo-forced-labour", "un_document", "Forced Labour, Modern Slavery and Human Trafficking",
          container="International Labour Organization", date="2017",
          url="https://www.ilo.org/global/topics/forced-labour/lang--en/index.htm", further=True),
        S("ilo-p029", "treaty", "Protocol P029 - Protocol of 2014 to the Forced Labour Convention, 1930",
          container="International Labour Organization", date="2014",
          url="https://www.ilo.org/dyn/normlex/en/f?p=NORMLEXPUB:12100:0::NO::P12100_ILO_CODE:P029", further=True),
        S("nhth-what-is", "ngo_report", "What Is Human Trafficking?", container="National Human Trafficking Hotline",
          date="2019-05-06", url="https://humantraffickinghotline.org/what-human-trafficking", further=True),
        S("nishimoto-2018", "news", "Labour Rights: The Means to Tackle Human Trafficking", authors="Nishimoto, Tomoko",
          container="International Labour Organization", date="2018-07-27",
          url="https://www.ilo.org/asia/media-centre/news/WCMS_635351/lang--en/index.htm", further=True),
        S("osce-root-causes", "un_document", "What Are the Root Causes of Trafficking?",
          authors="Organization for Security and Co-operation in Europe", date="2008",
          url="https://www.unodc.org/documents/human-trafficking/Toolkit-files/08-58296_tool_9-2.pdf", further=True),
        S("polaris-ht", "ngo_report", "Human Trafficking", container="Polaris", authors="Polaris Project",
          date="2019-10-16", url="https://polarisproject.org/human-trafficking/", further=True),
        S("polaris-amp", "ngo_report", "The Action Means Purpose (A-M-P) Model", authors="Polaris Project",
          container="National Human Trafficking Hotline", date="2012",
          url="https://humantraffickinghotline.org/sites/default/files/AMP%20Model.pdf", further=True),
        S("shared-hope", "ngo_report", "What Is Sex Trafficking?", container="Shared Hope International",
          date="2011-12-31", url="https://sharedhope.org/the-problem/what-is-sex-trafficking/", further=True),
        S("stop-the-traffik", "ngo_report", "Types of Exploitation, Human Trafficking & Slavery",
          container="STOP THE TRAFFIK", date="2017",
          url="https://www.stopthetraffik.org/about-human-trafficking/types-of-exploitation/", further=True),
        S("stoplearn-2021", "web_page", "Human Trafficking: Causes, Effects, Consequences and Government Effort to Combat It",
          authors="StopLearn Team", container="StopLearn", date="2021-10-29",
          url="https://stoplearn.com/human-trafficking-causes-effects-consequences-and-government-effort-to-combat-it/", further=True),
        S("ungift-about", "web_page", "About", authors="UN.GIFT.HUB", container="UN.GIFT", url="https://www.ungift.org/about/", further=True),
        S("unicef-end-trafficking", "ngo_report", "End Trafficking", authors="UNICEF: United States Fund", date="2012",
          url="https://www.unicefusa.org/sites/default/files/assets/pdf/End-Child-Trafficking-One-Pager.pdf", further=True),
        S("icat-about", "web_page", "About Us: The Inter-Agency Coordination Group against Trafficking in Persons",
          authors="United Nations", container="ICAT", url="https://icat.un.org/about", further=True),
        S("ohchr-fs36", "un_document", "Human Rights and Human Trafficking", container="Human Rights Fact Sheets",
          publisher="Office of the United Nations High Commissioner for Human Rights", date="2014", symbol="Fact Sheet No. 36",
          url="https://www.ohchr.org/sites/default/files/Documents/Publications/FS36_en.pdf", further=True),
        S("unodc-protocol", "web_page", "The Protocol for Human Trafficking",
          container="United Nations Office on Drugs and Crime",
          url="https://www.unodc.org/unodc/en/human-trafficking/protocol.html", further=True),
        S("who-sea", "ngo_report", "Sexual Exploitation and Abuse: Prevent and Protect",
          container="World Health Organization",
          url="https://cdn.who.int/media/docs/default-source/documents/ethics/sexual-exploitation-and-abuse-pamphlet-en.pdf", further=True),
    ],
    "questions": [],
    "figures": [
        {"after": "Definition of key terms", "image": "ccpcj-action-means-purpose",
         "caption": "Figure 1: The Action-Means-Purpose Model",
         "alt": "Three boxes joined by plus signs, Action, Means and Purpose (commercial sex acts or labour), equal "
                "human trafficking. At least one element of each is needed; for a minor under 18 in commercial sex, "
                "no Means is needed.",
         "credit": "Redrawn by mlmun from the guide's description of the model."},
    ],
}


GA3 = {
    "committee": {
        "slug": "ga3",
        "abbreviation": "GA3",
        "name": "General Assembly Third Committee",
        "description": "Social, humanitarian and cultural questions.",
    },
    "topic": "Strengthening international cooperation to combat human trafficking",
    "chairs": [("fantasia.pinas", "Fantasia", "Pinas"), ("zara.heydarova", "Zara", "Heydarova")],
    # The seed's order: introduction, key terms, a general overview (with its graph), timeline, stakeholders,
    # possible solutions, further readings. It cites nothing in its text (its works cited page is an empty
    # template), so no sentence here carries a citation: its three readings are listed as further reading.
    "sections": [
        ("introduction", "Introduction", """Trafficking is a humanitarian crisis as much as a legal one: it strips millions of people of dignity,
freedom and basic rights. Men, women and children are forced into labour, sexual exploitation and even organ
trafficking. This modern slavery thrives on poverty, political instability and weak law enforcement.

Treaties, task forces and campaigns have not stopped traffickers. Fragmented legal systems, uneven enforcement
and little cross-border cooperation let networks flourish; without a coordinated global response, efforts stay
ineffective. Countries must align their laws, share intelligence and put victims at the centre.

This report looks at who the perpetrators are, where systems are weak and what could be done, with justice,
prevention and victim protection in view."""),
        ("key_terms", "Definition of key terms", ""),
        ("background", "General overview", """### Background and causes

Desperation is the root: people seeking a better life meet traffickers who promise jobs, safety or love.
Conflict, economic instability and lack of education make people more vulnerable, and demand for cheap labour
and commercial sex feeds the trade. Organised networks cross borders easily, exploit legal loopholes, bribe
officials and move victims along hidden routes or even legal ones. Many victims fear retaliation or deportation
and never ask for help.

### Current global efforts

UNODC, the ILO and INTERPOL have run many campaigns against trafficking. The Palermo Protocol (2000) gave the
first universal legal framework, but enforcement differs widely: some states lack the resources to investigate,
others are held back by corruption that shields traffickers. The obstacles to cooperation:

- **Different legal definitions**: some countries count trafficking only when a border is crossed, others also
  recognise domestic trafficking.
- **Limited resources**: many states cannot fund investigations and prosecutions of networks.
- **Corruption and political barriers**: in some regions officials take part in trafficking.
- **Little support for victims**: survivors often get little help, which makes reintegration hard.

### Images and graphs

The guide's graph shows the forms of exploitation of registered victims between 2008 and 2022 in three groups:
sexual exploitation, forced labour or services, and organ removal and other purposes. Sexual exploitation stays
the largest group throughout; forced labour is a large share that shifts a little from year to year; organ
removal and other purposes, such as benefit fraud and forced crime, stay small but steady. The guide reads this
as a call for stronger cooperation against every form: better legal frameworks, intelligence shared across
borders and more protection for victims."""),
        ("timeline", "Timeline of key events", ""),
        ("major_parties", "Stakeholders", ""),
        ("possible_solutions", "Possible solutions", """### Strengthening international legal frameworks

**Expanding the Palermo Protocol.** The 2000 protocol is the foundation of international law against
trafficking; updating it to cover new forms of exploitation and new tactics would keep it effective.

### Enhancing law enforcement and border control

**Joint INTERPOL and UNODC operations.** Closer work between the two allows shared intelligence, coordinated
raids and the dismantling of international rings.

### Improving victim support and protection

**Witness protection.** Strong programmes, with physical protection, psychological support and legal help, let
victims testify against traffickers without fear of retaliation.

### Using technology against cyber trafficking

**AI-powered monitoring.** Tools that watch online platforms, the dark web included, can analyse patterns, spot
suspicious activity and alert the authorities in real time.

### Community engagement and public awareness

**Education.** Teaching the public the signs of trafficking and how to report it helps communities act; the US
Department of State, for instance, suggests mentoring people at risk.

### Strengthening community support

**Mentorship programmes.** Mentors give vulnerable people guidance, resources and role models, which makes them
less likely to be trafficked.

### Monitoring supply chains

**Corporate responsibility.** Businesses that check their supply chains for forced labour reduce the demand for
trafficked people; consumers can choose companies with ethical labour practices."""),
    ],
    "key_terms": [
        ("Human trafficking", "", "Transporting, transferring, harbouring or receiving people by force, fraud or threats, "
         "to exploit them.", None),
        ("Exploitation", "", "Forced labour, sexual slavery, organ removal and other violations of human rights.", None),
        ("Transnational crime", "", "A crime that crosses national borders and needs international cooperation to "
         "enforce.", None),
        ("Victim protection", "", "Legal and social measures that keep trafficking survivors safe.", None),
        ("Smuggling vs. trafficking", "", "Smuggling is paid, voluntary migration; trafficking is trade in people and "
         "their exploitation.", None),
        ("Coercion", "", "Making someone act against their will, usually through threats, violence or intimidation.",
         None),
        ("Corruption", "", "Dishonest or illegal conduct by people in power, such as officials or police, that lets "
         "trafficking go on.", None),
        ("Bilateral agreements", "", "Agreements between two countries to cooperate, for example on borders or policing "
         "against trafficking.", None),
        ("Decriminalization vs. legalization", "", "Decriminalisation removes penalties (for example for sex work); "
         "legalisation makes an activity fully legal under regulation. The debate matters for prevention.", None),
        ("INTERPOL", "", "The International Criminal Police Organization, through which police forces cooperate to track "
         "and arrest traffickers.", None),
        ("International Labour Organization", "ILO", "The UN agency that fights forced labour and promotes fair working "
         "conditions.", None),
        ("Palermo Protocol", "", "The 2000 international agreement that defines trafficking and sets how countries should "
         "combat it.", None),
        ("Prosecution vs. prevention", "", "Prosecution catches and punishes traffickers; prevention stops trafficking "
         "before it happens through education and opportunity.", None),
        ("Grooming", "", "How traffickers win a victim's trust before exploiting them, common in online cases.", None),
    ],
    "timeline": [
        # The seed gives each event a title and a text.
        ("2000", "Adoption of the Palermo Protocol", "The first major international legal framework aimed at "
         "trafficking: it gave a clear definition and prepared coordinated global action.", None),
        ("2010", "UN Global Plan of Action", "Guidelines for prevention, protection and partnership; it urged countries "
         "to strengthen their laws and victim support and to work together.", None),
        ("2015", "Sustainable Development Goals", "Their inclusion of trafficking helped mobilise resources, shape "
         "policy priorities and raise public awareness.", None),
        ("2021", "Operation Storm Makers", "An INTERPOL-led operation against organised networks involved in "
         "trafficking, with shared intelligence, joint investigations and coordinated cross-border action.", None),
        ("2023", "UNODC report on human trafficking", "It called for updated policies and new law-enforcement "
         "approaches to keep up with traffickers' changing methods.", None),
    ],
    "stakeholders": [
        ("United States of America", "member_state", "US", """Leads global efforts through its Trafficking in Persons
(TIP) Report, which ranks countries on their action against trafficking, and prosecutes under the Trafficking Victims
Protection Act (TVPA). Trafficking still occurs, especially along the border with Mexico and in agriculture and
domestic work."""),
        ("European Union", "igo", "", """Its Anti-Trafficking Directive obliges member states to criminalise trafficking,
protect victims and coordinate across borders; it also funds projects that help survivors and prevent
exploitation."""),
        ("Thailand & Philippines", "member_state", "TH,PH", """Both have high rates of trafficking, above all for
sexual exploitation and forced labour; both governments have strengthened their laws and work with NGOs to rescue
victims."""),
        ("Nigeria & India", "member_state", "NG,IN", """Major source countries: many people are trafficked for forced
labour, domestic work and sex. Poverty, corruption and weak law enforcement make traffickers hard to stop."""),
        ("Mexico", "member_state", "MX", """A key transit country for victims smuggled to the United States and Canada;
organised crime is deeply involved, and weak border controls make traffickers' work easier."""),
    ],
    "sources": [
        S("unodc-glotip-2023", "un_document", "Global Report on Trafficking in Persons 2023",
          publisher="United Nations Office on Drugs and Crime", date="2023", url="https://www.unodc.org", further=True),
        S("polaris-annual", "ngo_report", "Annual Report", authors="Polaris Project", url="https://polarisproject.org",
          further=True),
        S("europol", "web_page", "Europol's Anti-Trafficking Efforts", container="Europol",
          url="https://www.europol.europa.eu", further=True),
    ],
    "questions": [],
    "figures": [
        {"after": "General overview", "image": "ga3-forms-of-exploitation",
         "caption": "Forms of exploitation of registered victims, 2008–2022 (the original chart; its values are not "
                    "reproduced)",
         "alt": "A placeholder for the original guide's chart. It names the three forms of exploitation the chart "
                "shows for 2008 to 2022 and says that its values are not available, so no bars are drawn.",
         "credit": "Placeholder by mlmun; the guide does not give the chart's values."},
    ],
}

HRC = {
    "committee": {
        "slug": "hrc",
        "abbreviation": "HRC",
        "name": "Human Rights Council",
        "description": "Trafficking in human beings as a violation of human rights.",
    },
    "topic": "Combating trafficking in human beings",
    "chairs": [("alex.moreau", "Alex", "Moreau")],
    "sections": [
        ("introduction", "General information", """Trafficking is a ruthless global industry that robs victims of rights and dignity and earns billions for
organised crime. Most victims are women and children deceived into exploitation for sex or slave-like work.
It touches countries in transition and stable economies alike, driven by gender inequality, lack of education
and jobs, poverty and discrimination."""),
        ("background", "Background", """Almost every country is affected. Rich and poor alike must pursue the criminals who exploit desperate
people and protect victims who often suffer terribly on their way to a better life."""),
        ("un_involvement", "Recent events", """- The EU and UNODC launched the Global Action to Prevent and Address Trafficking in Persons (**GLO.ACT**), a
  four-year joint initiative carried out with IOM and UNICEF through 2019.
- The **UNODC Voluntary Trust Fund for Victims of Human Trafficking** gives grassroots humanitarian, legal and
  financial aid to victims through governmental, intergovernmental and civil-society organisations, so that
  governments, companies, international organisations, NGOs and individuals can help victims together.
- **ICAT**, mandated by the General Assembly, coordinates UN agencies and other organisations for a holistic
  approach, including victim protection and support."""),
        ("previous_attempts", "Previous attempts to resolve the problem", """The Convention against Transnational Organized Crime was the first to define this type of crime but
offered few concrete methods. Its Trafficking Protocol (2000) sets out what is needed to convict offenders while
leaning towards prevention. The Action Plan to Combat Trafficking in Human Beings (2003) remains the main
reference for future action and legislation."""),
    ],
    "key_terms": [],
    "timeline": [],
    "stakeholders": [],
    "sources": [],
    "questions": [
        ("research", "What has my country done against human trafficking in the past?"),
        ("research", "Does my country lie on trafficking routes? Is it a country of origin, transit or destination?"),
        ("research", "Which solutions could my country propose or support?"),
        ("research", "What are the positions of my country's main allies on the problem?"),
        ("research", "How does my national legislation deal with human trafficking?"),
    ],
}

GUIDES = [SPECON, UNODC, CCPCJ, GA3, HRC]

# (conference, its organizer (username, first, last), its guides, its delegates as
#  (username, first, last, committee slug, delegation ISO code or organisation name))
CONFERENCES = [
    (CONFERENCE, ("organizer", "Olivia", "Organizer"), [SPECON, UNODC, CCPCJ, GA3], [
        ("delegate.nigeria", "Ngozi", "Adeyemi", "ga3", "NG"),
        ("delegate.usa", "Jamie", "Carter", "specon", "US"),
        ("delegate.thailand", "Somchai", "Wong", "unodc", "TH"),
        ("delegate.ecpat", "Dana", "Reyes", "ccpcj", "ECPAT International"),
    ]),
    (LAKESIDE, ("organizer.lakeside", "Liam", "Lakeside"), [HRC], [
        ("delegate.brazil", "Lucas", "Silva", "hrc", "BR"),
    ]),
]
