# GA / ECOSOC / HRC resolutions (text files; units OP n / PP n counted from the first paragraph after "The General Assembly,")
Q('multidoc','en',"How has the General Assembly's language on curbing demand for sex tourism changed between resolution 73/146 and resolution 79/154 on trafficking in women and girls?",
  P=[('A_RES_73_146','OP 22',"Urges Governments to strengthen measures to eliminate sex tourism demand, especially for children, through all possible preventive actions, including legislative measures"),
     ('A_RES_79_154','OP 22',"including legislative and punitive measures and other relevant policies and programmes")],
  note="OP 22 in both; 79/154 adds 'punitive' measures and accountability. Compared with qtool units on both files.")
Q('latest','en',"In the most recent General Assembly resolution on trafficking in women and girls, at which session is the Secretary-General's next report due?",
  P=[('A_RES_79_154','OP 52',"Requests the Secretary-General to submit to the General Assembly at its eighty-first session a report")],
  R=[('A_RES_77_194','OP 53',"Requests the Secretary-General to submit to the General Assembly at its seventy-ninth session a report")],
  note="Series 73/146, 75/158, 77/194, 79/154; latest is 79/154 (17 December 2024), OP 52.")
Q('multidoc','en',"Which of the resolutions on trafficking in women and girls call for separating immigration enforcement from labour inspections, so that victims are not afraid to come forward?",
  P=[('A_RES_77_194','OP 42',"Emphasizes the need to establish firewalls between immigration checks and labour inspections"),
     ('A_RES_79_154','OP 42',"Emphasizes the need to establish firewalls between immigration checks and labour inspections")],
  note="grep -l firewall resolutions/*.txt -> only A_RES_77_194 and A_RES_79_154 (OP 42 in both); 73/146 and 75/158 lack it.")
Q('named','en',"At which sessions does resolution 77/194 encourage the Commission on the Status of Women to consider the needs of trafficked women and girls?",
  P=[('A_RES_77_194','OP 9',"at its sixty-seventh and sixty-eighth sessions, within the framework of the priority themes")],
  note="A/RES/77/194 OP 9.")
Q('latest','en',"What report did the Human Rights Council most recently ask the High Commissioner to prepare on civilian gun ownership?",
  P=[('A_HRC_RES_56_9','OP 12',"on the right to participate in cultural life and the right to take part in the conduct of public affairs")],
  R=[('A_HRC_RES_50_12','OP 11',"a report on effective national regulations, policies and good practices, challenges and lessons learned")],
  note="Series HRC 45/13 (2020), 50/12 (2022), 56/9 (2024); latest 56/9 OP 12.")
Q('multidoc','en',"How did the Human Rights Council's call for human rights rules on gun manufacturers and dealers change between its 2022 and 2024 resolutions on civilian firearms?",
  P=[('A_HRC_RES_50_12','OP 5',"to consider adopting requirements for manufacturers and dealers of firearms based on the Guiding Principles on Business and Human Rights"),
     ('A_HRC_RES_56_9','OP 6',"to consider adopting requirements for manufacturers and dealers of firearms and their ammunition based on the Guiding Principles")],
  note="50/12 OP 5 vs 56/9 OP 6 (adds ammunition and remediation).")
Q('named','en',"What report did Human Rights Council resolution 45/13 request from the High Commissioner?",
  P=[('A_HRC_RES_45_13','OP 8',"a report on the human rights impact of the civilian acquisition, possession and use of firearms by children and youth")],
  note="A/HRC/RES/45/13 OP 8.")
Q('topical','en',"Has the Human Rights Council expressed worry about how many privately held guns are not on any register?",
  P=[('A_HRC_RES_56_9','OP 1',"civilians own far more firearms worldwide than the military and law enforcement sectors combined, and that the majority of these firearms are unregistered"),
     ('A_HRC_RES_50_12','OP 1',"civilians own far more firearms worldwide than the military and law enforcement sectors combined, and that the majority of these firearms are unregistered"),
     ('A_HRC_RES_45_13','OP 1',"civilians own far more firearms worldwide than the military and law enforcement sectors combined, and that the majority of these firearms are unregistered")],
  note="Same OP 1 wording in HRC 45/13, 50/12 and 56/9 (7-gram overlap check); all three answer, so all are primary.")
Q('latest','en',"When is the next Secretary-General's report on the human rights of migrants requested by the most recent GA resolution on protection of migrants?",
  P=[('A_RES_78_217','OP 32',"at their eightieth and sixty-first sessions, respectively, a comprehensive report entitled “Human rights of migrants”")],
  R=[('A_RES_76_172','OP 22',"at their seventy-eighth and fifty-third sessions, respectively, a comprehensive report entitled “Human rights of migrants”")],
  note="Series 66/172 ... 78/217; latest 78/217 OP 32.")
Q('topical','en',"Did the General Assembly want people on the move, whatever their legal standing, included in national COVID jab programmes?",
  P=[('A_RES_76_172','OP 6',"to include all migrants, regardless of their migration status, in their responses to the COVID-19 pandemic, including in equitable vaccination plans")],
  note="A/RES/76/172 OP 6(e); grep COVID over resolutions: only 76/172 among migrants series.")
Q('factual','en',"Which day of the year did the General Assembly proclaim as the International Day for the Prevention of and Fight against All Forms of Transnational Organized Crime?",
  P=[('A_RES_78_267','OP 1',"Decides to declare 15 November the International Day for the Prevention of and Fight against All Forms of Transnational Organized Crime")],
  note="A/RES/78/267 OP 1.")
Q('topical','en',"When it created the international day against organized crime, which Italian magistrate did the Assembly single out for tribute?",
  P=[('A_RES_78_267','PP 11',"paying special tribute to all those persons, such as Judge Giovanni Falcone, whose work and sacrifice paved the way")],
  note="A/RES/78/267 preambular para 11 (counted from 'Guided by the Charter').")
Q('latest','en',"Where and when will the Fifteenth United Nations Crime Congress take place, according to the latest follow-up resolution?",
  P=[('A_RES_79_186','OP 5',"Decides to hold the Fifteenth Congress in Abu Dhabi from 25 to 30 April 2026")],
  R=[('A_RES_78_223','OP 22',"Welcomes with appreciation the offer of the Government of the United Arab Emirates to host the Fifteenth Congress")],
  note="78/223 (2023) only welcomed the UAE offer; 79/186 (2024) fixes Abu Dhabi, 25-30 April 2026. grep 'Abu Dhabi' -> only 79/186.")
Q('topical','en',"What overarching theme was chosen for the 2026 crime prevention congress?",
  P=[('A_RES_78_223','OP 6',"protecting people and planet and achieving the 2030 Agenda for Sustainable Development in the digital age"),
     ('A_RES_78_229','PP 5',"the decision that the main theme of the Fifteenth Congress should be “Accelerating crime prevention, criminal justice and the rule of law")],
  note="A/RES/78/223 OP 6 decides the theme; A/RES/78/229 PP 5 restates it verbatim (found by 7-gram overlap check).")
Q('factual','en',"What is the maximum length set for the Fifteenth Crime Congress?",
  P=[('A_RES_78_223','OP 5',"Decides that the duration of the Fifteenth Congress should not exceed eight days, including pre-Congress consultations"),
     ('A_RES_79_186','PP 8',"also decided that the duration of the Fifteenth Congress should not exceed eight days, including pre-Congress consultations")],
  note="A/RES/78/223 OP 5; recalled in A/RES/79/186 PP 8.")
Q('topical','en',"Will any workshop at the next crime congress deal with crime statistics and evidence?",
  P=[('A_RES_78_223','OP 12',"strengthening data collection and analysis to better protect people and planet in times of new, emerging and evolving forms of crime")],
  note="A/RES/78/223 OP 12(c). (The embedded agenda list 1-7 in OP 11 is not used.)")
Q('topical','en',"What has the General Assembly asked banks to develop to help flag payments linked to the illicit trade in human body parts for transplant?",
  P=[('A_RES_79_189','OP 11',"that financial institutions develop a list of indicators to detect transactions related to trafficking in persons for organ removal")],
  note="A/RES/79/189 OP 11.")
Q('topical','en',"Should health insurers reimburse an operation in which the kidney was bought illegally?",
  P=[('A_RES_79_189','OP 14',"do not reimburse the costs of transplant procedures that have occurred in the context of trafficking in persons for the purpose of organ removal"),
     ('A_RES_77_236','OP 13',"do not reimburse the costs of transplant procedures that have occurred in the context of trafficking in persons for the purpose of organ removal")],
  note="Same paragraph in A/RES/79/189 OP 14 and A/RES/77/236 OP 13 (post-transplant care still covered).")
Q('crosslingual','fr',"Selon la résolution 79/189, quels acteurs les États devraient-ils poursuivre pour la traite des personnes aux fins de prélèvement d'organes ?",
  P=[('A_RES_79_189','OP 7',"regardless of their status and including physicians, brokers, medical staff and legal persons, such as pharmaceutical and insurance companies")],
  R=[('A_RES_77_236','OP 7',"regardless of their status and including physicians, brokers, medical staff and legal persons, such as pharmaceutical and insurance companies")],
  note="A/RES/79/189 OP 7 (question names 79/189; identical OP 7 in the earlier 77/236 listed as relevant).")
Q('topical','en',"Is the General Assembly concerned about newer plastic and modular small arms when it comes to tracing?",
  P=[('A_RES_79_40','OP 12',"recent developments in small arms and light weapons manufacturing, technology and design, in particular polymer and modular weapons")],
  R=[('A_RES_79_40','OP 33',"polymer and modular weapons and firearms produced using three-dimensional printing, focusing on the provision of international cooperation")],
  note="A/RES/79/40 OP 12; OP 33 (technical expert group) relevant.")
Q('factual','en',"When will the Fifth Review Conference on the small arms Programme of Action be held, and for how long?",
  P=[('A_RES_79_40','OP 9',"in 2030 as a two-week event, to be preceded by a preparatory committee meeting of not more than five days")],
  note="A/RES/79/40 OP 9.")
Q('named','en',"What study does resolution 79/40 ask the Secretariat to carry out on weapons whose serial numbers have been removed?",
  P=[('A_RES_79_40','OP 34',"to conduct a study on obliterated markings and methods for marking recovery in the context of the International Tracing Instrument")],
  note="A/RES/79/40 OP 34.")
Q('crosslingual','zh',"联合国大会第79/31号决议鼓励萨赫勒-撒哈拉次区域国家做些什么来打击小武器和轻武器的非法扩散？",
  P=[('A_RES_79_31','OP 4',"to facilitate the effective functioning of national commissions to combat the illicit proliferation of small arms and light weapons")],
  note="A/RES/79/31 OP 4.")
Q('crosslingual','zh',"联合国大会将哪一天定为预防和打击一切形式跨国有组织犯罪国际日？由谁来承担相关活动的费用？",
  P=[('A_RES_78_267','OP 1',"Decides to declare 15 November the International Day for the Prevention of and Fight against All Forms of Transnational Organized Crime"),
     ('A_RES_78_267','OP 4',"Stresses that the cost of all activities that may arise from the implementation of the present resolution shall be met from voluntary contributions")],
  note="A/RES/78/267 OP 1 and OP 4.")
Q('topical','en',"What did ECOSOC ask governments to do at their frontiers about the toxic metal used by clandestine gold diggers?",
  P=[('E_RES_2019_23','OP 14',"appropriate technologies as may be necessary to prevent and detect illicit trafficking in precious metals and the use of mercury in illegal mining")],
  note="E/RES/2019/23 OP 14.")
Q('named','en',"What online resource did resolution 68/186 ask UNODC to set up on trafficking in cultural property?",
  P=[('A_RES_68_186','OP 9',"to create a portal on its website containing all documents, tools and relevant information regarding trafficking in cultural property")],
  R=[('E_RES_2013_31','OP 9',"to create a portal on its website containing all documents, tools and relevant information regarding trafficking in cultural property")],
  note="A/RES/68/186 OP 9 (named); the same request in ECOSOC 2013/31 OP 9 is relevant.")
Q('factual','en',"Under the Firearms Protocol, for how long must States keep records on firearms?",
  P=[('A_RES_55_255','annex art 7',"Each State Party shall ensure the maintenance, for not less than ten years, of information in relation to firearms")],
  note="A/RES/55/255 annex (the Protocol), article 7 Record-keeping; unit written 'annex art 7' because the annex is numbered by articles.")
Q('topical','en',"What conditions does the Firearms Protocol set so that a gun made unusable cannot be brought back into working order?",
  P=[('A_RES_55_255','annex art 9',"All essential parts of a deactivated firearm are to be rendered permanently inoperable and incapable of removal, replacement or modification")],
  note="A/RES/55/255 annex, article 9 (Deactivation of firearms), subparagraph (a).")
