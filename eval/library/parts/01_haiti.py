# Haiti quarterly UNODC reports: S/2025/85 (6th, Sep-Dec 2024), S/2025/303 (7th, Jan-Mar 2025), S/2025/420 (8th, Mar-Jun 2025)
Q('topical','en',"How are Haitian gangs moving fighters and supplies along the coast around the capital?",
  P=[('S_2025_303','para 13',"now operate at least five motorized dinghies. These serve to transport soldiers, weapons, ammunition, food and other supplies")],
  R=[('S_2025_303','para 12',"the 5 Segond and Warf Jérémie criminal groups have developed maritime capabilities, exploiting weak coastal surveillance")],
  note="Read S/2025/303 section on maritime threats (paras 12-19); para 13 describes the 5 Segond dinghies. Quote grep-checked on pdftotext -layout output.")
Q('factual','en',"Roughly how many inmates were set free when the Mirebalais civil prison was stormed at the end of March 2025, according to the seventh UNODC report?",
  P=[('S_2025_303','para 10',"before storming the civil prison and freeing approximately 516 inmates")],
  note="S/2025/303 para 10 gives ~516; the later S/2025/420 para 30 gives at least 529 (see the 'latest' question).")
Q('factual','en',"How many people, and how many of them children, were on the sailboat the US Coast Guard stopped between Cuba and The Bahamas in February 2025?",
  P=[('S_2025_303','para 18',"a sailboat carrying 132 Haitian nationals – 95 of whom were children – between Cuba and The Bahamas")],
  note="S/2025/303 para 18.")
Q('topical','en',"What did UNODC propose to shield judges, police and people who blow the whistle on graft in Haiti from reprisals?",
  P=[('S_2025_303','para 57',"implement comprehensive protection measures for magistrates, law enforcement officers and control authorities")],
  note="S/2025/303 recommendations chapter IV, para 57.")
Q('crosslingual','fr',"Quelles chambres judiciaires spécialisées l'ONUDC recommande-t-il de créer en Haïti, et pour quels types d'infractions ?",
  P=[('S_2025_303','para 58',"focused on financial crimes (including corruption) and mass crimes (including sexual violence), with full independence")],
  note="S/2025/303 para 58 (pôles judiciaires).")
Q('topical','en',"Why does UNODC want Haiti's anti-graft body to have a presence outside Port-au-Prince?",
  P=[('S_2025_303','para 56',"Decentralization would enhance collaboration with local law enforcement, judicial actors and civil society")],
  note="S/2025/303 para 56 (regional offices of the Anti-Corruption Unit).")
Q('multidoc','en',"How has UNODC's advice on building a criminal intelligence capability in Haiti been phrased in its sixth and seventh quarterly reports?",
  P=[('S_2025_85','para 61',"To develop intelligence capacity in Haiti through the establishment of specialized units and seconded experts"),
     ('S_2025_303','para 63',"establishing a dedicated criminal intelligence capacity within the Haitian National Police or another agency")],
  note="S/2025/85 para 61(e) and S/2025/303 para 63; grep 'intelligence capacity' in both.")
Q('multidoc','en',"Across the three UNODC quarterly reports on Haiti, what has been recommended on border cooperation with the Dominican Republic?",
  P=[('S_2025_85','para 60',"Amplifying the capacities of border and customs control authorities, including on the border between Haiti and the Dominican Republic"),
     ('S_2025_303','para 62',"improved border control and expanded regional cooperation, in particular with the Dominican Republic"),
     ('S_2025_420','para 49',"improved technological support, training for customs officers and formalized data-sharing protocols")],
  note="Recommendation recurring in S/2025/85 para 60(c), S/2025/303 para 62, S/2025/420 para 49.")
Q('latest','en',"What does the most recent UNODC quarterly report on Haiti recommend about the use of drones by security forces?",
  P=[('S_2025_420','para 50',"A legal framework and operational standards to govern the use of drones should be developed")],
  R=[('S_2025_420','para 9',"The lack of a clear legal framework governing drone operations and military-style engagements in civilian settings")],
  note="S/2025/420 (eighth report, March-June 2025) is the latest of the series; para 50.")
Q('latest','en',"What is the latest UNODC figure for how many prisoners escaped in the Mirebalais prison attack?",
  P=[('S_2025_420','para 30',"at least 529 prisoners had escaped, the vast majority of whom were in pretrial detention")],
  R=[('S_2025_303','para 10',"before storming the civil prison and freeing approximately 516 inmates")],
  note="S/2025/420 para 30 (529) supersedes S/2025/303 para 10 (about 516).")
Q('latest','en',"In the eighth quarterly UNODC report on arms trafficking in Haiti, what is recommended on organ trafficking?",
  P=[('S_2025_420','para 56',"must urgently initiate impartial and transparent investigations into reported cases of organ trafficking")],
  R=[('S_2025_420','para 35',"several paediatric patients were discharged with a single kidney")],
  note="S/2025/420 is the eighth report; recommendation para 56.")
Q('topical','en',"How have the armed groups filled the gap left by the State in neighbourhoods of Port-au-Prince they control?",
  P=[('S_2025_420','para 11',"also provide public services such as protection, street cleaning, evening classes and dispute resolution")],
  note="S/2025/420 para 11 (parallel governance).")
Q('factual','en',"What share of metropolitan Port-au-Prince is estimated to be under the control of criminal groups in mid-2025?",
  P=[('S_2025_420','para 3',"criminal groups now control an estimated 90 per cent of metropolitan Port-au-Prince")],
  note="S/2025/420 para 3.")
Q('topical','en',"Why are private guard firms in Haiti seen as a channel through which gangs get weapons?",
  P=[('S_2025_420','para 23',"The lack of regulatory oversight over private security companies has facilitated the diversion of weapons to criminal groups")],
  R=[('S_2025_420','para 48',"Establish a comprehensive regulatory framework for private security companies")],
  note="S/2025/420 paras 19-23 on private security companies; para 23 answers; rec para 48 relevant.")
Q('factual','en',"Which rifle calibres do private security companies in Haiti reportedly use even though rules allow only small-calibre weapons?",
  P=[('S_2025_420','para 22',"companies routinely deploy 5.56mm rifles and even heavier 7.62x39mm assault rifles")],
  note="S/2025/420 para 22.")
Q('topical','en',"How was the large weapons consignment destined for a hotel in Belladère uncovered?",
  P=[('S_2025_420','para 27',"intercepted by Dominican customs authorities on 25 February during a routine X-ray inspection at the port of Haina")],
  R=[('S_2025_420','para 26',"The final delivery location listed in the shipping documents was a well-known hotel in Belladère")],
  note="S/2025/420 Mirebalais case, paras 25-28.")
Q('factual','en',"What proportion of Haiti's electricity comes from the Péligre dam that residents shut down in May 2025?",
  P=[('S_2025_420','para 33',"The Péligre facility accounts for approximately 30 per cent of the electricity supply for Haiti")],
  note="S/2025/420 para 33.")
Q('factual','en',"How many people did the Dominican Republic send back to Haiti between January and April 2025, and how does that compare with a year earlier?",
  P=[('S_2025_420','para 38',"More than 119,000 individuals were repatriated from January to April 2025, constituting a 71 per cent increase")],
  note="S/2025/420 para 38.")
Q('crosslingual','zh',"多米尼加共和国在2025年4月宣布了多少项加强边境管控、减少来自海地的非正常移民的措施？",
  P=[('S_2025_420','para 39',"announced a comprehensive package of 15 measures aimed at strengthening national border control")],
  note="S/2025/420 para 39.")
Q('crosslingual','es',"¿Qué parte del valor de su mercancía llegan a pagar las comerciantes «Madan Sara» en los puestos de control de las bandas en Haití?",
  P=[('S_2025_420','para 12',"report being extorted at multiple checkpoints, sometimes paying up to 20 per cent")],
  note="S/2025/420 para 12; quote stops before the page break.")
Q('topical','en',"How much more expensive has Haiti's staple grain become over the last few years as gangs squeeze supply routes?",
  P=[('S_2025_420','para 14',"Rice, a staple food, has seen prices rise by more than 30 per cent since 2022")],
  note="S/2025/420 para 14.")
Q('crosslingual','ar',"ما هو المبلغ الذي خصصته الميزانية الوطنية المعدلة في هايتي لقوات الأمن في أوائل عام 2025؟",
  P=[('S_2025_420','para 10',"36 billion gourdes ($276 million) had been allocated to the country’s security forces")],
  note="S/2025/420 para 10.")
Q('factual','en',"On what date did the United States designate Viv Ansanm and Gran Grif as terrorist organizations?",
  P=[('S_2025_420','para 16',"On 2 May 2025, the United States designated several Haitian armed gangs as terrorist organizations")],
  note="S/2025/420 para 16.")
Q('factual','en',"How many firearms does the Panel of Experts say were siphoned off from Haitian police stocks in recent years?",
  P=[('S_2025_85','para 24',"at least 1,000 firearms had been diverted from police stocks over the past four years")],
  note="S/2025/85 para 24.")
Q('topical','en',"Has the US departure port for weapons seized on their way to Haiti changed recently?",
  P=[('S_2025_85','para 25',"all those conducted during the reporting period had originated from Port Everglades")],
  note="S/2025/85 para 25 (Miami previously, now Port Everglades; Cap-Haïtien rather than Port-au-Prince).")
Q('topical','en',"Is there a Haitian law that would let authorities act against gangs' online propaganda and recruitment?",
  P=[('S_2025_85','para 19',"The Government of Haiti has yet to formulate clear legislation on cybercrime")],
  R=[('S_2025_85','para 62',"the possible use of social media platforms by gangs and gang members in Haiti as a possible source of funding")],
  note="S/2025/85 para 19; rec para 62(c) relevant.")
Q('crosslingual','ru',"Сколько насильственных смертей было зарегистрировано в Гаити в 2024 году по данным УВКПЧ?",
  P=[('S_2025_85','para 4',"there had been close to 5,600 violent deaths between January and December 2024")],
  note="S/2025/85 para 4.")
Q('named','en',"What does S/2025/85 ask the Haitian authorities to look into regarding the eel trade?",
  P=[('S_2025_85','para 62',"the eel trade and its links to money-laundering, drug trafficking and other organized crime in Haiti")],
  note="S/2025/85 para 62(b).")
Q('factual','en',"How many people were reportedly executed on a gang leader's orders in Wharf Jérémie in December 2024?",
  P=[('S_2025_85','para 5',"reportedly ordered the execution of 207 people (134 men and 73 women), the majority of whom were elderly")],
  note="S/2025/85 para 5.")
