# S/2025/231 South Sudan arms embargo benchmarks; S/RES/2769 (2025) Libya sanctions
Q('factual','en',"Since the South Sudan arms embargo was imposed in 2018, how many exemption requests has the sanctions Committee received and how many did it approve?",
  P=[('S_2025_231','para 12',"the Committee has received a total of 11 exemption requests from Member States, 10 of which were approved")],
  note="S/2025/231 para 12.")
Q('topical','en',"Why did the national bureau responsible for weapons oversight in South Sudan carry out no activities at all in 2024?",
  P=[('S_2025_231','para 32',"the Bureau was unable to conduct any arms control activities throughout 2024")],
  note="S/2025/231 para 32 (no programme funding from the 2024/2025 budget).")
Q('topical','en',"What did the UN assessment team discover about the equipment for engraving serial numbers on police guns at a Juba station?",
  P=[('S_2025_231','para 36',"all three weapons-marking machines in the police station were broken, with no replacements or repairs made")],
  note="S/2025/231 para 36 (Buluk Police Station visit, 13 February 2025).")
Q('factual','en',"What proportion of the first batch of Necessary Unified Forces graduates in South Sudan had actually been deployed by early 2025?",
  P=[('S_2025_231','para 19',"approximately 8,000 Necessary Unified Forces graduates have been deployed in total, representing approximately 14 per cent"),
     ('S_2025_231','para 48',"with only approximately 14 per cent of the graduated Necessary Unified Forces personnel deployed")],
  note="S/2025/231 para 19; repeated in conclusion para 48.")
Q('crosslingual','fr',"Combien d'affaires la cour martiale générale déployée à Maridi a-t-elle jugées en 2024, et combien portaient sur des violences sexuelles liées aux conflits ?",
  P=[('S_2025_231','para 41',"A total of 12 cases, including 2 involving conflict-related sexual violence, were adjudicated by the general court martial")],
  note="S/2025/231 para 41.")
Q('named','en',"According to S/2025/231, towards how many of the five key benchmarks has the South Sudanese transitional government shown some progress?",
  P=[('S_2025_231','para 46',"has demonstrated some progress towards two of the five key benchmarks")],
  note="S/2025/231 conclusion para 46.")
Q('named','en',"In the Secretary-General's 2025 assessment of the South Sudan arms embargo benchmarks, what risk is flagged about ammunition stocks in Upper Nile?",
  P=[('S_2025_231','para 33',"more than 100 metric tons of artillery ammunition in Pagak, Upper Nile State, continue to be stored inadequately")],
  note="Title form of S/2025/231; para 33.")
Q('factual','en',"What budget was proposed for training the second batch of South Sudan's unified forces?",
  P=[('S_2025_231','para 24',"for the training of security sector personnel for the second batch with a proposed budget of approximately $95 million")],
  note="S/2025/231 para 24.")
Q('crosslingual','es',"¿Por qué muchos graduados de las Fuerzas Unificadas Necesarias han abandonado los centros de acantonamiento en Sudán del Sur?",
  P=[('S_2025_231','para 23',"many graduates awaiting deployment have left those sites in search of alternative employment to meet their basic needs")],
  note="S/2025/231 para 23.")
Q('factual','en',"Until what date was the mandate of the Panel of Experts on Libya extended in January 2025?",
  P=[('S_RES_2769_2025','OP 22',"Decides to extend until 15 May 2026 the mandate of the Panel of Experts")],
  note="S/RES/2769 (2025) OP 22.")
Q('named','en',"What does Security Council resolution 2769 (2025) allow the Libyan Investment Authority to do with part of its frozen cash?",
  P=[('S_RES_2769_2025','OP 14',"to be invested in low-risk time deposits with appropriate financial institutions selected by the LIA")],
  R=[('S_RES_2769_2025','OP 13',"assets frozen pursuant to paragraph 17 of resolution 1970 (2011) shall at a later stage be made available")],
  note="S/RES/2769 (2025) OP 14 (recommendations 7.1 and 7.2).")
Q('topical','en',"Under what circumstances has the Council said it could consider supplying military equipment to Libya despite the embargo?",
  P=[('S_RES_2769_2025','OP 8',"for the reunified and joint military units, under the auspices of the 5+5 Joint Military Commission")],
  note="S/RES/2769 (2025) OP 8.")
Q('factual','en',"By when must the Libya sanctions Panel submit its interim report under the 2025 renewal?",
  P=[('S_RES_2769_2025','OP 23',"shall provide to the Council an interim report on its work no later than 15 September 2025")],
  note="S/RES/2769 (2025) OP 23.")
Q('crosslingual','ar',"حتى أي تاريخ مدّد مجلس الأمن في قراره 2769 (2025) الإذن والتدابير المتعلقة بمنع التصدير غير المشروع للنفط من ليبيا؟",
  P=[('S_RES_2769_2025','OP 19',"Decides to extend until 1 May 2026 the authorisations and the measures in resolution 2146 (2014)")],
  note="S/RES/2769 (2025) OP 19.")
Q('topical','en',"What help did Libya's Presidential Council ask the Security Council for in its September 2024 request on security cooperation?",
  P=[('S_RES_2769_2025','PP 16',"to establish Security Coordination Centres under national leadership, to enhance coordination and information-sharing among Libyan security forces")],
  R=[('S_RES_2769_2025','OP 6',"Notes the importance of international support to enhance security coordination and information-sharing among Libyan security forces")],
  note="S/RES/2769 (2025) preambular para 16 counted from 'Recalling the arms embargo' = PP 1; OP 6 responds to it.")
