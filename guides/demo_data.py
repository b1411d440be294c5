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


def S(key, kind, title, *, authors="", container="", publisher="", date="", url="", symbol="", accessed=""):
    return {
        "key": key, "kind": kind, "title": title, "authors": authors, "container": container,
        "publisher": publisher, "date": date, "url": url, "un_symbol": symbol, "accessed": accessed,
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
    "sections": [
        ("letter", "Letter from the Deputy President", """Dear delegates,

I am Maria Karatoliou, an eleventh-grade student at Anavryta Model Lyceum, and I will serve as one of the
deputy presidents of this special conference. Nine conferences in three years taught me that MUN is
where you take global problems into your own hands and learn from people who see them differently.

This guide is a starting point, not the whole story: research your own delegation's record and policy.
Write to me with any question about the topic, your policy or the rules of procedure.
I look forward to meeting you in February.

Maria Karatoliou"""),
        ("introduction", "Introduction", """Trafficking in persons is one of the most widespread forms of enslavement today.
An estimated **24.9 million** people live in modern slavery; 71% of victims are women and about a quarter
are children [@antislavery-modern].

Trafficking also feeds terrorism, both as a source of financing and as a way to recruit. Online, it takes
new forms: victims are recruited and advertised through the internet, and captives have been sold in
online auctions.

Traffickers target vulnerability — poverty, isolation, conflict, authoritarian rule — and approach victims
as a pretender, a promiser, a provider or a protector. In 41% of cases the recruitment goes through the
victim's own family. No single measure will end it; the response has to work on prevention, the
protection of survivors and the prosecution of traffickers at once."""),
        ("background", "Trafficking today", """Forced labour is as old as history, but after the Universal Declaration of Human Rights every
form of it is a step backwards. Trafficking generates annual profits of around **$150 billion**. It has three
elements [@unodc-what-is]:

1. **The act**: victims are found in agriculture, hospitality, restaurants, domestic work and in
   prostitution, on the street, online or behind fronts such as massage parlours [@ice-trafficking].
2. **The means**: traffickers exploit desperation and need, offer a way out, and then trap the victim and
   their family; sometimes they use force or abuse of power.
3. **The purpose**: profit or power through sexual exploitation, forced labour or the trade in organs.

More victims are detected in their own country than across borders, and flows tend to run towards wealthier
countries. Three quarters of detected victims of sexual exploitation are female, while more than half of
those trafficked for forced labour are male. In West Africa most detected victims are children; in Central
America and the Caribbean most are girls; European studies find sexual exploitation the most common
form [@glotip-2018-reliefweb]."""),
        ("background", "The nexus between trafficking and terrorism", """Conflict makes trafficking thrive: people fleeing violence turn to traffickers hoping for safety.
Trafficking differs from **migrant smuggling**. Smuggling ends at the destination and always crosses a border;
trafficking is a cycle of exploitation that may never cross one, and it is a crime against the person rather
than against a state's borders. One easily turns into the other.

Terrorist groups use trafficking in three ways [@cted-nexus]:

- **Finance**: captives are sold in slave markets and online auctions, exploited sexually, forced into
  marriage or hard labour, or used for organ sale.
- **Goals**: abduction spreads terror, secures ransom payments and puts pressure on powerful targets.
- **Recruitment**: people are forced or tricked into joining, then prosecuted for acts they were made to
  commit. The principle of **non-punishment** says victims should not be detained or charged for such acts,
  but it is hard to apply when little is known about them.

The 2018 US *Trafficking in Persons Report* tells of Faith, promised a restaurant job in Italy, then told she
owed more than $50,000 and forced into prostitution; she escaped and now helps other women [@tip-report-2018]."""),
        ("background", "Trafficking as cybercrime", """Technology makes selecting, recruiting and selling victims easier, safer and cheaper for traffickers;
used by terrorist groups, it becomes an act of cyberwarfare. Fraudulent websites and fake job offers lure
victims, and anonymity protects offenders. The US National Human Trafficking Hotline has recorded
recruitment on Facebook, Instagram, Snapchat, WhatsApp and dating sites.

Some citizens answer with *internet vigilantism*: grassroots action [@cambridge-grassroots] outside the justice
system, which can help or harm investigations."""),
        ("un_involvement", "Relevant UN treaties, resolutions and documents", """- *Combating Trafficking in Persons: A Handbook for Parliamentarians* (IPU and UNODC, January 2009) shows
  how national laws can meet international standards [@handbook-parliamentarians].
- The IOM thematic paper *Combating Trafficking in Persons and Other Forms of Slavery* (2017) sets out core
  topics for negotiators [@iom-thematic].
- UNODC's *Global Report on Trafficking in Persons 2018* looks at trafficking in armed conflict [@glotip-2018-book].
- *Understanding Trafficking in Persons in the MENA Region*, a training manual of the Arab Initiative to Combat
  Human Trafficking, covers causes, forms, routes and measures [@mena-manual].
- Mohamed Mattar and The Protection Project (Johns Hopkins SAIS) compare legal approaches to trafficking
  under international law (2006) [@mattar-2006].
- Sonya Sceats and Shaun Breslin review China's place in the international human rights system (October
  2012) [@sceats-breslin]."""),
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
        ("Internet vigilantism", "", "Online actions by individuals or groups who monitor others and act on their own "
         "rather than through the justice system.", "techopedia-vigilantism"),
        ("Exploitation", "", "Using someone unfairly for one's own advantage.", "cambridge-exploitation"),
        ("Cyber terrorism", "", "Premeditated terrorist attacks on information, computer systems, programs and data.", None),
    ],
    "timeline": [
        ("1948", "The Universal Declaration of Human Rights is adopted.", None),
        ("1997", "The United Nations Office on Drugs and Crime (UNODC) is established.", None),
        ("2000", "The Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children "
         "is adopted.", "palermo-ohchr-page"),
        ("2001", "UN Security Council Resolution 1373.", None),
        ("2006", "General Assembly resolution A/RES/61/180 sets up the Inter-Agency Coordination Group against "
         "Trafficking in Persons and involves the Global Migration Group.", "ares-61-180"),
        ("2007", "Launch of the UN Global Initiative to Fight Human Trafficking (UN.GIFT).", None),
        ("2003", "The UN Protocol against Trafficking in Persons enters into force.", "ec-protocol-pdf"),
        ("2010", "The UN Global Plan of Action to Combat Trafficking in Persons is adopted.", "ga10968"),
        ("2013", "UNODC publishes its comprehensive study on cybercrime.", "oxford-unodc-cybercrime"),
        ("2014", "Security Council Resolution 2195 on terrorism and international peace and security.", "unscr-2195"),
        ("2015", "The Sustainable Development Goals name human trafficking in Goals 5, 8 and 16.", None),
        ("2015", "The EU and UNODC launch GLO.ACT, the Global Action to Prevent and Address Trafficking in Persons "
         "and the Smuggling of Migrants.", "glo-act"),
        ("2018", "The Counter-Terrorism Committee holds an open briefing on the nexus between international "
         "terrorism and transnational organized crime.", None),
        ("2019", "UNODC publishes its latest Global Report on Trafficking in Persons.", "glotip-page"),
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
large immigrant populations. After the Trafficking Victims Protection Act of 2000 [@tvpa-wikipedia] the State
Department set up the Office to Monitor and Combat Trafficking in Persons in October 2001."""),
        ("Organization for Security and Co-operation in Europe (OSCE)", "igo", "", """Treats security broadly:
politico-military, economic, environmental and human. Its 57 participating states decide by consensus; its decisions
are politically, not legally, binding."""),
        ("A21", "ngo", "", """A non-profit founded by Christine Caine in 2008 that campaigns to abolish slavery everywhere,
with operational offices in 14 countries; it raises awareness and protects victims [@a21]."""),
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
          date="2018-06", publisher="U.S. Department of State"),
        S("handbook-parliamentarians", "un_document", "Combating Trafficking in Persons: A Handbook for Parliamentarians",
          authors="Inter-Parliamentary Union and United Nations Office on Drugs and Crime", date="2009-01",
          url="https://www.unodc.org/documents/middleeastandnorthafrica/human_trafficking_indicators/"
          "Handbook_for_Parliamentarians_tafficking_in_persons_English_.pdf"),
        S("iom-thematic", "ngo_report", "Combating Trafficking in Persons and Other Forms of Slavery",
          container="IOM Thematic Paper", publisher="International Organization for Migration", date="2017",
          url="https://www.iom.int/sites/default/files/our_work/ODG/GCM/IOM-Thematic-Paper-Trafficking-in-persons.pdf"),
        S("glotip-2018-book", "un_document", "Global Report on Trafficking in Persons 2018",
          publisher="United Nations Office on Drugs and Crime", date="2018",
          url="https://www.unodc.org/documents/data-and-analysis/glotip/2018/GLOTiP_2018_BOOK_web_small.pdf"),
        S("mena-manual", "ngo_report", "Understanding Trafficking in Persons in the MENA Region",
          authors="The Arab Initiative to Combat Human Trafficking", publisher="The Protection Project", date="2013-10",
          url="http://www.protectionproject.org/wp-content/uploads/2012/04/"
          "Understanding-Trafficking-in-Persons-in-the-MENA-Region_Oct-2013.pdf"),
        S("mattar-2006", "academic", "Comprehensive Legal Approaches to Combating Trafficking in Persons: An International "
          "and Comparative Perspective", authors="Mattar, Mohamed Y.",
          publisher="The Protection Project, Johns Hopkins University Paul H. Nitze School of Advanced International "
          "Studies", date="2006",
          url="https://www.icmec.org/wp-content/uploads/2015/10/The_Protection_Project_Comprehensive_Approaches_to_THB.pdf"),
        S("sceats-breslin", "academic", "China and the International Human Rights System",
          authors="Sceats, Sonya, and Shaun Breslin", publisher="Chatham House", date="2012-10",
          url="https://www.chathamhouse.org/sites/default/files/public/Research/International%20Law/"
          "r1012_sceatsbreslin.pdf"),
    ],
    "questions": [],
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
    "sections": [
        ("letter", "Letter from the Executive Board", """Dear delegates,

Welcome to the UNODC. This background guide gives you a footing for your research, not its limits: go well
beyond it, and do not cite it as evidence in debate. Bring us any question, procedural or otherwise.

Eswar Chava, Chairperson, and Mayukha N, Vice-Chairperson"""),
        ("other", "Points to remember", """- **Procedure**: the committee follows the UNA-USA Rules of Procedure; the agenda comes first, so do not
  let procedure silence you.
- **Foreign policy**: staying true to your country's policy is what makes this a Model UN.
- **The Executive Board** facilitates; the delegates steer the debate.
- **Evidence** accepted in debate: UN documents and findings; government reports (which other states may
  deny); Reuters [@reuters-2010]; state-operated news agencies such as RIA Novosti or Xinhua, for or against
  their own state. Reports from NGOs working with UN bodies are accepted; Wikipedia and most newspapers are not."""),
        ("introduction", "Mandate of the UNODC", """UNODC helps member states against crime, illicit drugs and terrorism. Its work rests on three pillars:
field-based technical cooperation, research and analysis, and normative work on treaties and domestic law.
It also works on organized crime and trafficking, corruption, criminal justice reform, drug abuse prevention
and terrorism prevention."""),
        ("background", "Overview: organized crime and international law", """Globalisation and technology let transnational organized crime grow. International enforcement rests on
the International Criminal Court, the International Court of Justice and INTERPOL, which also supports
extradition — but cooperation is not always willing, and some governments abuse these tools.

UNODC estimates that transnational crime earns more than **USD 870 billion** a year, while the ICC's gross
budget is only USD 179 million."""),
        ("background", "Human trafficking, sex trafficking and sex tourism", """UNODC defines human trafficking as acquiring people by improper means — force, fraud or deception — to
exploit them. It is thought to be the third-largest criminal activity in the world. In a 2013 UNODC report,
sex trafficking made up 79% of detected cases and forced labour 18%. Children commonly enter sex trafficking at
14 to 16.

Sex tourism grows with cheap travel. Special Rapporteur Najat Maalla M'jid (2013) gave five reasons for its
rise: a connected world, a growing tourism industry, children made vulnerable by conflict and crisis, persistent
demand, and the lack of a global legal framework. Marriott International trains staff and supports young people,
including survivors."""),
        ("background", "Following the money", """Banks can spot trafficking in account activity: card payments in even amounts between 10 pm and 6 am,
several victims sharing account details, sudden changes in activity, anonymous payment instruments and
structured deposits across branches. About 12.3 million people are in forced labour, bonded labour or
commercial sexual servitude at any time; sexual exploitation alone earns an estimated US$27.8 billion a year.
In the Asia-Pacific region prevalence is 3 per 1,000 inhabitants, against 1.8 worldwide [@thomson-reuters-fraud]."""),
        ("background", "Migrant smuggling", """Migrant smuggling is helping someone enter a country irregularly for a financial or material benefit.
The Smuggling Protocol, adopted in November 2000 with the Convention against Transnational Organized Crime, gave
the first agreed definition. As border controls tighten, more migrants turn to smugglers, who organise across
regions, change routes quickly and too often put lives at risk [@sherloc-sea-smuggling]. UNODC's regional strategy
for West and Central Africa (2015–2020) shows what a coordinated regional response looks like
[@unodc-wca-strategy]."""),
        ("background", "Trafficking after COVID-19 and in the Asia-Pacific", """The pandemic pushed exploitation online and indoors, cut survivors off from services and stranded rescued
victims in shelters abroad, UNODC's Ghada Waly and Ilias Chatzis warned. In East Asia and the Pacific most
offenders are nationals of the country of the case, and victims are mainly trafficked for sexual exploitation;
in South and South-West Asia forced labour seems as common, and some Indian states report organ removal and
forced marriage. The United States' Human Smuggling and Trafficking Center links intelligence on both
crimes [@state-hstc]."""),
        ("previous_attempts", "Past international action", """The Trafficking Protocol, adopted by General Assembly resolution 55/25 in November 2000, entered into force
on 25 December 2003; by February 2018, 173 countries had signed it. Article 3(a) defines trafficking and the
exploitation it serves. UNODC's 2014 Global Report, based on 155 countries, was the first global assessment; the
2016 edition found convictions still low.

The **Blue Heart Campaign** (2009) raises awareness; its proceeds go to the UN Voluntary Trust Fund for Victims of
Trafficking, created by the General Assembly in August 2010 and managed by UNODC. In 2022 the annual US report
again criticised Russia and China [@aljazeera-2022]."""),
        ("other", "Conclusion", """Trafficking is complex, but legal tools exist. Compliance and enforcement are the hard part; regional and
international cooperation is the way through."""),
    ],
    "key_terms": [],
    "timeline": [],
    "stakeholders": [],
    "sources": [
        S("unodc-wca-strategy", "un_document", "UNODC Regional Strategy for Combating Trafficking in Persons and Smuggling "
          "of Migrants 2015-2020", container="West and Central Africa", publisher="United Nations Office on Drugs and Crime",
          date="2016", url="https://css.unodc.org/documents/human-trafficking/2016/"
          "UNODC_Regional_Strategy_for_Combating_TIP_SOM_West_and_Central_Africa_2015-2020.pdf"),
        S("sherloc-sea-smuggling", "academic", "Migrant Smuggling by Sea: Combating a Current Threat to Maritime Security "
          "through the Creation of a Cooperative Framework", container="SHERLOC Bibliography",
          publisher="United Nations Office on Drugs and Crime", date="2010",
          url="https://sherloc.unodc.org/cld/bibliography/2010/migrant_smuggling_by_sea_combating_a_current_threat_to_"
          "maritime_security_through_the_creation_of_a_cooperative_framework.html"),
        S("state-hstc", "government_report", "Human Smuggling and Trafficking Center", publisher="U.S. Department of State",
          url="http://www.state.gov/m/ds/hstcenter/90434.htm"),
        S("thomson-reuters-fraud", "web_page", "Healthcare Fraud Webinar", container="Thomson Reuters",
          url="https://www.thomsonreuters.com/en-us/posts/investigation-fraud-and-risk/healthcare-fraud-webinar/"),
        S("aljazeera-2022", "news", "US Hits Out at Russia, China in Annual Human Trafficking Report",
          container="Al Jazeera", date="2022-07-19",
          url="https://www.aljazeera.com/news/2022/7/19/us-hits-out-at-russia-china-in-annual-human-trafficking-report"),
        S("reuters-2010", "news", "Reuters Report on Crime and the United Nations", container="Reuters", date="2010-06-17",
          url="https://www.reuters.com/article/us-crime-un-idUSTRE65G5H820100617"),
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
    "sections": [
        ("introduction", "Introduction", """More than 150 years after the Emancipation Proclamation and the UK's abolition of slavery, trafficking
persists as modern servitude, against Article 4 of the Universal Declaration of Human Rights. It is the fastest
growing criminal activity in the world, with an estimated **40.3 million** victims and very few prosecutions
[@polaris-ht]. Most victims were trying to escape poverty, persecution or discrimination, lured by false job
offers, relationships or money [@hartmann-2021]. Social media now serves traffickers for recruiting and
advertising, and COVID-19 deepened the inequalities at trafficking's roots [@nhth-what-is]."""),
        # The seed's order: its key terms follow the introduction, and its parties and timeline come after the
        # overview, before UN involvement.
        ("key_terms", "Definition of key terms", ""),
        ("background", "Types of trafficking", """The main purposes are sexual exploitation, forced labour, organ harvesting and forced marriage
[@stop-the-traffik]. Data are uncertain because few survivors come forward, and those sexually exploited often
fear prosecution where prostitution is criminalised.

**Sexual exploitation** affects females almost exclusively and thrives on demand: prostitution, online
pornography, sex tourism, fake massage businesses, escort services [@shared-hope; @who-sea]. Traffickers are
often partners or relatives who groom their victims [@glavin-2018].

**Forced labour** affects an estimated 24.9 million people [@ilo-forced-labour], most in Asia (4 in 1,000), mainly in
domestic work and construction. Victims live in shacks without heating or plumbing, with wages withheld and
documents taken [@antislavery-forced-labour; @giz-2008]."""),
        ("background", "Vulnerability and consequences", """Migration hopes, poverty, war and disaster make people easier to deceive; parents may migrate, or even sell
their children, hoping for a better life [@osce-root-causes; @stoplearn-2021]. Survivors carry lasting harm:
post-traumatic stress, depression, anxiety, injuries and disease, and some become traffickers themselves.
UNICEF [@unicef-end-trafficking] and the ILO work to prosecute traffickers, protect victims and prevent trafficking
[@ohchr-fs36]."""),
        ("major_parties", "Major parties involved", ""),
        ("timeline", "Timeline of key events", ""),
        ("un_involvement", "UN involvement, resolutions and treaties", """- The Palermo Protocol, supplementing the Convention against Transnational Organized Crime, 12 December 2000
  [@unodc-protocol; @appendix-palermo].
- ECOSOC resolution 2006/27 on international cooperation against trafficking, 27 July 2006 [@ecosoc-2006-27].
- ECOSOC resolution 2008/33 on coordinating UN efforts, 25 July 2008 [@ecosoc-2008-33].
- The UN Global Plan of Action, 30 July 2010 (A/RES/64/293) [@ares-64-293].
- Improving coordination of efforts against trafficking, 20 December 2012 (A/RES/67/190) [@ares-67-190].
- CCPCJ resolutions 27/2 on trafficking facilitated by the misuse of information technology and 27/3 on protecting
  children from it, 2018 [@ccpcj-27-2; @ccpcj-27-3]."""),
        ("previous_attempts", "Previous attempts to solve the issue", """The **Palermo Protocol** was the first legally binding treaty with an international definition of trafficking;
its 178 parties must criminalise it, yet conviction rates stay low. **ICAT** brought agencies together, analysed
gaps and added a fourth P — Partnership — to Prosecution, Protection and Prevention [@icat-about]. The 2018 CCPCJ
resolutions turned to technology and supported campaigns such as the Blue Heart Campaign and UN.GIFT's Open Your
Eyes to Human Trafficking [@ungift-about], though recruitment online continues. The ILO's 2014 Protocol to the
Forced Labour Convention [@ilo-p029] and its work on labour rights [@nishimoto-2018] tie forced labour to
trafficking. Estimates of modern slavery [@ilo-global-estimates-2017] and UNODC's 2020 Global Report
[@glotip-2020] measure the scale."""),
        ("possible_solutions", "Possible solutions", """Organisations pursue different priorities: UNICEF the child's wellbeing, others prosecution. Member states
could agree on common priorities and on how information is shared. Across borders, shared intelligence on
traffickers and victims lets routes be followed from source to destination; multilateral agreements and
patrols in high-risk border areas can speed up rescues and prosecutions. The Action-Means-Purpose model helps
officers recognise a case [@polaris-amp]."""),
    ],
    "key_terms": [
        ("Human trafficking", "", "Recruiting and moving people by deception or coercion to exploit them for profit; "
         "physical and psychological harm is used to control victims.", None),
        ("Action-Means-Purpose Model", "AMP", "A way of showing the definition of trafficking used in the US Trafficking "
         "Victims Protection Act (2000): an action, carried out by a means, for the purpose of commercial sex or labour. "
         "One element of each is needed, except for minors in commercial sex.", "polaris-amp"),
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
exchanges information and advises on strategies [@icat-about]."""),
        ("United Nations Global Initiative to Fight Human Trafficking (UN.GIFT)", "un_body", "", """Launched in March 2007
by several agencies to build tools against trafficking with many partners, on the belief that coordination is
essential."""),
        ("International Labour Organization (ILO)", "un_body", "", """Brings governments, employers and workers together
on labour standards; in 2014 its members adopted a Protocol linking forced labour and trafficking, stressing
protection, prevention and compensation [@ilo-p029]."""),
    ],
    "sources": [
        S("antislavery-forced-labour", "ngo_report", "Forced Labour. What Is Forced Labour?",
          container="Anti-Slavery International", date="2016", url="https://www.antislavery.org/slavery-today/forced-labour/"),
        S("giz-2008", "government_report", "Forced Labour and Trafficking in Persons",
          authors="Deutsche Gesellschaft für Technische Zusammenarbeit", date="2008-06",
          url="https://www.oecd.org/dac/gender-development/44896368.pdf"),
        S("glavin-2018", "web_page", "Causes of Commercial Sexual Exploitation of Children", authors="Glavin, Chris",
          container="K12 Academics", date="2018-09-28",
          url="https://www.k12academics.com/sexual-abuse/child-sexual-abuse/types/commercial-sexual-exploitation-children/causes"),
        S("hartmann-2021", "web_page", "Causes & Effects of Human Trafficking", authors="Hartmann, Micah",
          container="The Exodus Road", date="2021-07-06", url="https://theexodusroad.com/causes-effects-of-human-trafficking/"),
        S("ilo-forced-labour", "un_document", "Forced Labour, Modern Slavery and Human Trafficking",
          container="International Labour Organization", date="2017",
          url="https://www.ilo.org/global/topics/forced-labour/lang--en/index.htm"),
        S("ilo-p029", "treaty", "Protocol P029 - Protocol of 2014 to the Forced Labour Convention, 1930",
          container="International Labour Organization", date="2014",
          url="https://www.ilo.org/dyn/normlex/en/f?p=NORMLEXPUB:12100:0::NO::P12100_ILO_CODE:P029"),
        S("nhth-what-is", "ngo_report", "What Is Human Trafficking?", container="National Human Trafficking Hotline",
          date="2019-05-06", url="https://humantraffickinghotline.org/what-human-trafficking"),
        S("nishimoto-2018", "news", "Labour Rights: The Means to Tackle Human Trafficking", authors="Nishimoto, Tomoko",
          container="International Labour Organization", date="2018-07-27",
          url="https://www.ilo.org/asia/media-centre/news/WCMS_635351/lang--en/index.htm"),
        S("osce-root-causes", "un_document", "What Are the Root Causes of Trafficking?",
          authors="Organization for Security and Co-operation in Europe", date="2008",
          url="https://www.unodc.org/documents/human-trafficking/Toolkit-files/08-58296_tool_9-2.pdf"),
        S("polaris-ht", "ngo_report", "Human Trafficking", container="Polaris", authors="Polaris Project",
          date="2019-10-16", url="https://polarisproject.org/human-trafficking/"),
        S("polaris-amp", "ngo_report", "The Action Means Purpose (A-M-P) Model", authors="Polaris Project",
          container="National Human Trafficking Hotline", date="2012",
          url="https://humantraffickinghotline.org/sites/default/files/AMP%20Model.pdf"),
        S("shared-hope", "ngo_report", "What Is Sex Trafficking?", container="Shared Hope International",
          date="2011-12-31", url="https://sharedhope.org/the-problem/what-is-sex-trafficking/"),
        S("stop-the-traffik", "ngo_report", "Types of Exploitation, Human Trafficking & Slavery",
          container="STOP THE TRAFFIK", date="2017",
          url="https://www.stopthetraffik.org/about-human-trafficking/types-of-exploitation/"),
        S("stoplearn-2021", "web_page", "Human Trafficking: Causes, Effects, Consequences and Government Effort to Combat It",
          authors="StopLearn Team", container="StopLearn", date="2021-10-29",
          url="https://stoplearn.com/human-trafficking-causes-effects-consequences-and-government-effort-to-combat-it/"),
        S("ungift-about", "web_page", "About", authors="UN.GIFT.HUB", container="UN.GIFT", url="https://www.ungift.org/about/"),
        S("unicef-end-trafficking", "ngo_report", "End Trafficking", authors="UNICEF: United States Fund", date="2012",
          url="https://www.unicefusa.org/sites/default/files/assets/pdf/End-Child-Trafficking-One-Pager.pdf"),
        S("icat-about", "web_page", "About Us: The Inter-Agency Coordination Group against Trafficking in Persons",
          authors="United Nations", container="ICAT", url="https://icat.un.org/about"),
        S("ohchr-fs36", "un_document", "Human Rights and Human Trafficking", container="Human Rights Fact Sheets",
          publisher="Office of the United Nations High Commissioner for Human Rights", date="2014", symbol="Fact Sheet No. 36",
          url="https://www.ohchr.org/sites/default/files/Documents/Publications/FS36_en.pdf"),
        S("unodc-protocol", "web_page", "The Protocol for Human Trafficking",
          container="United Nations Office on Drugs and Crime",
          url="https://www.unodc.org/unodc/en/human-trafficking/protocol.html"),
        S("who-sea", "ngo_report", "Sexual Exploitation and Abuse: Prevent and Protect",
          container="World Health Organization",
          url="https://cdn.who.int/media/docs/default-source/documents/ethics/sexual-exploitation-and-abuse-pamphlet-en.pdf"),
        S("appendix-palermo", "treaty", "Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women "
          "and Children, Supplementing the United Nations Convention against Transnational Organized Crime",
          authors="United Nations General Assembly", publisher="UNHCR", date="2000-12-12",
          url="https://www.unhcr.org/protection/migration/4d52493b6/protocol-prevent-suppress-punish-trafficking-persons-"
          "especially-women-children.html"),
        S("ecosoc-2006-27", "un_document", "Strengthening International Cooperation in Preventing and Combating Trafficking "
          "in Persons and Protecting Victims of Such Trafficking", authors="United Nations Economic and Social Council",
          date="2006-07-27", symbol="E/RES/2006/27",
          url="https://www.unodc.org/documents/commissions/CCPCJ/Crime_Resolutions/2000-2009/2006/ECOSOC/Resolution_2006-27.pdf"),
        S("ecosoc-2008-33", "un_document", "Strengthening Coordination of the United Nations and Other Efforts in Fighting "
          "Trafficking in Persons", authors="United Nations Economic and Social Council", date="2008-07-25",
          symbol="E/RES/2008/33", url="https://www.un.org/en/ecosoc/docs/2008/resolution%202008-33.pdf"),
        S("ares-64-293", "un_document", "United Nations Global Plan of Action to Combat Trafficking in Persons",
          authors="United Nations General Assembly", date="2010-07-30", symbol="A/RES/64/293",
          url="https://documents-dds-ny.un.org/doc/UNDOC/GEN/N16/453/06/PDF/N1645306.pdf?OpenElement"),
        S("ares-67-190", "un_document", "Improving the Coordination of Efforts against Trafficking in Persons",
          authors="United Nations General Assembly", date="2012-12-20", symbol="A/RES/67/190",
          url="https://www.un.org/en/development/desa/population/migration/generalassembly/docs/globalcompact/A_RES_67_190.pdf"),
        S("ilo-global-estimates-2017", "un_document", "Global Estimates of Modern Slavery: Forced Labour and Forced Marriage",
          publisher="International Labour Organization", date="2017",
          url="https://www.ilo.org/wcmsp5/groups/public/---dgreports/---dcomm/documents/publication/wcms_575479.pdf"),
        S("ccpcj-27-2", "un_document", "Preventing and Combating Trafficking in Persons Facilitated by the Criminal Misuse "
          "of Information and Communications Technologies",
          authors="Commission on Crime Prevention and Criminal Justice", date="2018", symbol="CCPCJ 27/2",
          url="https://www.unodc.org/documents/commissions/CCPCJ/CCPCJ_Sessions/CCPCJ_27/CCPCJ_res2018/CCPCJ_Resolution_27_2.pdf"),
        S("ccpcj-27-3", "un_document", "Improving the Protection of Children against Trafficking in Persons, Including by "
          "Addressing the Criminal Misuse of Information and Communications Technologies",
          authors="Commission on Crime Prevention and Criminal Justice", date="2018", symbol="CCPCJ 27/3",
          url="https://www.unodc.org/documents/commissions/CCPCJ/CCPCJ_Sessions/CCPCJ_27/CCPCJ_res2018/CCPCJ_Resolution_27_3.pdf"),
        S("glotip-2020", "un_document", "Global Report on Trafficking in Persons 2020",
          publisher="United Nations Office on Drugs and Crime", date="2020",
          url="https://www.unodc.org/documents/data-and-analysis/tip/2021/GLOTIP_2020_15jan_web.pdf"),
    ],
    "questions": [],
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
    "sections": [
        ("introduction", "Introduction", """Trafficking is a humanitarian crisis as much as a legal one: it strips millions of people of dignity and
freedom through forced labour, sexual exploitation and organ trafficking. It thrives on poverty, instability
and weak law enforcement. Despite treaties, task forces and campaigns, fragmented laws and weak cross-border
cooperation let networks flourish. Countries must align their laws, share intelligence and put victims first
[@unodc-glotip-2023]."""),
        ("background", "Background and causes", """Desperation is the root: people seeking a better life meet traffickers promising jobs, safety or love.
Conflict, economic instability and lack of education deepen vulnerability; demand for cheap labour and
commercial sex fuels it. Networks exploit loopholes, bribe officials and use underground and even legal routes.
Victims fear retaliation or deportation [@polaris-annual]."""),
        ("un_involvement", "Current global efforts", """UNODC, the ILO and INTERPOL run many campaigns. The Palermo Protocol (2000) gave the first universal legal
framework, but enforcement varies. The obstacles: **different legal definitions** (some states only count
cross-border cases), **limited resources**, **corruption and political barriers**, and **little support for
survivors**. Europol coordinates investigations across the EU [@europol].

Registered victims between 2008 and 2022 were exploited mostly sexually, then in forced labour, with a small,
steady share for organ removal and other purposes such as benefit fraud and forced crime."""),
        ("possible_solutions", "Possible solutions", """1. **Update the Palermo Protocol** to cover new forms and tactics of exploitation.
2. **Joint INTERPOL and UNODC operations** with shared intelligence and coordinated raids.
3. **Witness protection** with physical, psychological and legal support so victims can testify.
4. **AI monitoring** of online platforms, including the dark web, to flag trafficking in real time.
5. **Public education** on the signs of trafficking and how to report them; the US Department of State suggests
   mentoring people at risk.
6. **Mentorship programmes** for vulnerable groups.
7. **Supply-chain checks** by companies, and consumers who choose ethical firms."""),
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
        ("Coercion", "", "Making someone act against their will through threats, violence or intimidation.", None),
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
        ("2000", "Adoption of the Palermo Protocol, the first major legal framework against trafficking, with a clear "
         "definition.", None),
        ("2010", "The UN Global Plan of Action sets guidelines for prevention, protection and partnership.", None),
        ("2015", "The Sustainable Development Goals include trafficking, mobilising resources and awareness.", None),
        ("2021", "INTERPOL's Operation Storm Makers targets trafficking networks with joint, cross-border action.", None),
        ("2023", "UNODC's report on trafficking calls for updated policies and new law-enforcement approaches.",
         "unodc-glotip-2023"),
    ],
    "stakeholders": [
        ("United States of America", "member_state", "US", """Ranks countries in its annual Trafficking in Persons Report and
prosecutes under the Trafficking Victims Protection Act, yet trafficking persists along the border with Mexico and in
agriculture and domestic work."""),
        ("European Union", "igo", "", """Its Anti-Trafficking Directive obliges member states to criminalise trafficking,
protect victims and coordinate across borders; it funds survivor support and prevention."""),
        ("Thailand", "member_state", "TH", """High rates of trafficking for sexual exploitation and forced labour; the
government has strengthened its laws and works with NGOs to rescue victims. (Grouped with the Philippines in the
original guide.)"""),
        ("Philippines", "member_state", "PH", """High rates of trafficking for sexual exploitation and forced labour; the
government has strengthened its laws and works with NGOs to rescue victims. (Grouped with Thailand in the original
guide.)"""),
        ("Nigeria", "member_state", "NG", """A major source country: people are trafficked for forced labour, domestic work
and sex; poverty, corruption and weak enforcement make traffickers hard to stop. (Grouped with India in the original
guide.)"""),
        ("India", "member_state", "IN", """A major source country: people are trafficked for forced labour, domestic work
and sex; poverty, corruption and weak enforcement make traffickers hard to stop. (Grouped with Nigeria in the original
guide.)"""),
        ("Mexico", "member_state", "MX", """A key transit country towards the United States and Canada, where organised crime
is deeply involved and weak border controls help traffickers."""),
    ],
    "sources": [
        S("unodc-glotip-2023", "un_document", "Global Report on Trafficking in Persons 2023",
          publisher="United Nations Office on Drugs and Crime", date="2023", url="https://www.unodc.org"),
        S("polaris-annual", "ngo_report", "Annual Report", authors="Polaris Project", url="https://polarisproject.org"),
        S("europol", "web_page", "Europol's Anti-Trafficking Efforts", container="Europol",
          url="https://www.europol.europa.eu"),
    ],
    "questions": [],
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
        ("un_involvement", "Recent events", """- The EU and UNODC launched **GLO.ACT**, a four-year joint initiative implemented with IOM and UNICEF
  through 2019.
- The **UN Voluntary Trust Fund for Victims of Trafficking** gives humanitarian, legal and financial aid through
  governmental, intergovernmental and civil-society partners.
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
