# pdf-2025 documents
# MONUSCO reports S/2025/176 (March 2025) and S/2025/403 (June 2025)
Q('multidoc','en',"How did funding of the DRC's 2025 humanitarian response plan develop between the Secretary-General's March and June 2025 MONUSCO reports?",
  P=[('S_2025_176','para 53',"As at 28 February, the response plan was funded at only 7 per cent"),
     ('S_2025_403','para 49',"budgeted at $2.54 billion, was critically underfunded at just 11.2 per cent")],
  note="S/2025/176 para 53 (7% at 28 Feb) and S/2025/403 para 49 (11.2% at 5 June).")
Q('latest','en',"What is the most recent figure the Secretary-General gives for internally displaced people in the Democratic Republic of the Congo?",
  P=[('S_2025_403','para 45',"As of April, 6.3 million people were internally displaced, including 1.8 million in North Kivu")],
  R=[('S_2025_176','para 49',"As of December 2024, 7.8 million Congolese were internally displaced")],
  note="Two MONUSCO reports in the library; S/2025/403 (23 June 2025) is the later one, para 45.")
Q('crosslingual','es',"¿Cuántos casos sospechosos de mpox notificó la OMS en la República Democrática del Congo entre enero y mayo de 2025, y cómo se compara con 2024?",
  P=[('S_2025_403','para 46',"reported 43,300 suspected cases of mpox, compared with fewer than 7,000 over the same period in 2024")],
  note="S/2025/403 para 46.")
Q('factual','en',"How much did the Emergency Relief Coordinator release from CERF for North and South Kivu in January 2025?",
  P=[('S_2025_176','para 52',"$17 million rapid response allocation from the Central Emergency Response Fund")],
  note="S/2025/176 para 52.")
Q('factual','en',"How many international staff were evacuated from Goma to Entebbe as M23 advanced in early 2025?",
  P=[('S_2025_176','para 90',"In Goma, 367 international staff were evacuated to Entebbe, and nearly 1,200 national staff")],
  note="S/2025/176 para 90.")
Q('topical','en',"Have MONUSCO's international personnel been turned back at the border with Rwanda?",
  P=[('S_2025_403','para 81',"including at least 42 reported instances of MONUSCO international staff being denied entry")],
  note="S/2025/403 para 81.")
Q('named','en',"In S/2025/403, which mediation steps between Kinshasa and AFC/M23 does the Secretary-General welcome?",
  P=[('S_2025_403','para 84',"the statements made on 23 April by the Government of the Democratic Republic of the Congo and AFC/M23 under the facilitation of Qatar")],
  note="S/2025/403 observations, para 84.")
# A/80/1 report of the SG on the work of the Organization
Q('factual','en',"How many people did the UN and its partners reach with life-saving aid and protection in 2024?",
  P=[('A_80_1','para 4',"we delivered life-saving assistance and protection to more than 116 million people")],
  note="A/80/1 para 4 (body numbering after contents).")
Q('crosslingual','ar',"كم بلغ مجموع خطط العمل الوطنية المتعلقة بالمرأة والسلام والأمن بعد اعتماد خطط جديدة في عام 2024؟",
  P=[('A_80_1','para 39',"Eight new national action plans on women and peace and security were adopted in 2024, bringing the total to 112")],
  note="A/80/1 para 39 (the line starting '2016.' is a wrapped year, not a paragraph number).")
Q('crosslingual','fr',"Combien de pays l'ONU a-t-elle aidés en 2024 à préparer ou à mettre en œuvre leurs contributions déterminées au niveau national ?",
  P=[('A_80_1','para 9',"we supported 170 countries in preparing or implementing their nationally determined contributions to reduce emissions")],
  note="A/80/1 para 9.")
Q('named','en',"According to the Secretary-General's 2025 report on the work of the Organization (A/80/1), how many people were eligible to vote in elections in 2024?",
  P=[('A_80_1','para 60',"approximately 4 billion people were eligible to vote in elections across more than 70 Member States")],
  note="A/80/1 para 60.")
Q('multidoc','en',"Do the Secretary-General's 2025 report on the work of the Organization and UN-Women's 2025 annual report give the same picture of women's share of parliamentary seats?",
  P=[('A_80_1','para 42',"With women holding less than 27 per cent of seats in parliaments globally"),
     ('UNW_2025_2','para 14',"with women holding 26.9 per cent of parliamentary seats, 35.5 per cent of local government positions")],
  note="A/80/1 para 42 (<27%, 2023) and UNW/2025/2 para 14 (26.9%).")
# A/80/11 Committee on Contributions
Q('topical','en',"What did the Committee on Contributions report about Somalia's long-running arrears?",
  P=[('A_80_11','para 88',"had settled all its outstanding arrears early and ended its multi-year payment plan")],
  note="A/80/11 para 88.")
Q('named','en',"In its 2025 report (A/80/11), did the Committee on Contributions reach a view on Afghanistan's request for an exemption under Article 19?",
  P=[('A_80_11','para 102',"it was unable to reach an agreement on the request of Afghanistan for exemption under Article 19")],
  R=[('A_80_11','para 100',"Some members were of the opinion that the Committee should recommend to the General Assembly the waiver of Article 19 for Afghanistan")],
  note="A/80/11 paras 100-102.")
Q('factual','en',"When did Afghanistan last pay anything towards its UN assessments, and how much?",
  P=[('A_80_11','para 99',"The most recent payment, of $245,951, from Afghanistan had been received in May 2021, prior to the Taliban takeover")],
  note="A/80/11 para 99.")
Q('crosslingual','es',"Según lo expuesto ante la Comisión de Cuotas, ¿cuánto cayeron las reservas de divisas de Bolivia entre 2014 y 2024?",
  P=[('A_80_11','para 104',"had also dropped dramatically, from $15 billion in 2014 to $1.9 billion in 2024")],
  note="A/80/11 para 104.")
Q('factual','en',"What minimum payment would Bolivia need to make to avoid the loss of its vote under Article 19?",
  P=[('A_80_11','para 106',"amounted to $3,138,657 and that a minimum payment of $772,364 was required under Article 19")],
  note="A/80/11 para 106.")
# A/80/21 Committee on Information
Q('factual','en',"Who was elected to chair the Committee on Information for 2025–2026?",
  P=[('A_80_21','para 6',"Upon his nomination by the Eastern European States, Rein Tammsaar (Estonia) was elected Chair, by acclamation")],
  note="A/80/21 para 6.")
Q('factual','en',"By how much did the General Assembly enlarge the Committee on Information's membership when it renamed it?",
  P=[('A_80_21','para 1',"which would henceforth be known as the Committee on Information, and to increase its membership from 41 to 66")],
  note="A/80/21 para 1.")
Q('topical','en',"Did delegations at the Committee on Information warn the UN against abandoning radio, print and TV for social media?",
  P=[('A_80_21','para 17',"Speakers also reminded the Organization not to neglect traditional media, such as print, radio and television")],
  note="A/80/21 para 17.")
Q('topical','en',"What did troop-contributing countries want the Department of Global Communications to do about online falsehoods that endanger peacekeepers?",
  P=[('A_80_21','para 20',"Speakers encouraged the Department to improve its strategic communications approach to address anti-United Nations propaganda")],
  note="A/80/21 para 20.")
Q('crosslingual','ru',"Что делегации в Комитете по информации предложили Департаменту глобальных коммуникаций для обеспечения сбалансированного многоязычия при ограниченных средствах?",
  P=[('A_80_21','para 18',"urged it to explore innovative solutions, including the use of artificial intelligence with human oversight")],
  note="A/80/21 para 18.")
# A/79/19 C-34
Q('named','en',"Did the Special Committee on Peacekeeping Operations agree on any recommendations at its 2025 session, according to A/79/19?",
  P=[('A_79_19','para 15',"acknowledged that there was no agreement on the draft recommendations considered by the Working Group")],
  R=[('A_79_19','para 16',"decided to convene intersessional discussions in 2025, facilitated by the Chair of the Working Group")],
  note="A/79/19 paras 15-16 (body numbering restarts after contents; annex is the membership list).")
Q('crosslingual','fr',"Combien de membres comptait le Comité spécial des opérations de maintien de la paix à sa session de 2025 ?",
  P=[('A_79_19','para 9',"At its 2025 session, the Committee comprised 157 members")],
  note="A/79/19 para 9 (irregular spacing collapses to single spaces).")
# A/79/797 Afghanistan
Q('topical','en',"What did Afghanistan's de facto authorities reaffirm in late December 2024 about Afghan women working for aid organizations?",
  P=[('A_79_797','para 9',"reissued decree 4293, reaffirming the ban on Afghan women working for national and NGOs")],
  note="A/79/797 para 9.")
Q('factual','en',"Roughly how many Afghan civil service retirees have gone unpaid since the Taliban took over?",
  P=[('A_79_797','para 12',"Approximately 170,000 retirees have not been paid since the Taliban takeover")],
  note="A/79/797 para 12.")
Q('factual','en',"How many security-related incidents did the UN record in Afghanistan from November 2024 to January 2025, and how did that compare with a year earlier?",
  P=[('A_79_797','para 18',"the United Nations recorded 2,081 security-related incident reports, marking a 16.8 per cent decrease")],
  note="A/79/797 para 18.")
Q('crosslingual','zh',"2024年11月至2025年1月期间，联合国核实了多少起由阿富汗武装反对派团体声称发动的袭击？",
  P=[('A_79_797','para 19',"The United Nations verified 91 attacks claimed by the armed opposition groups")],
  note="A/79/797 para 19.")
# A/79/907 UNSOS strategic review (cover letter unnumbered; annex report numbered)
Q('factual','en',"What is the total of the cost reductions for UNSOS and AUSSOM identified by the strategic review and the further AU–UN consultations?",
  P=[('A_79_907',None,"outcome of the further consultations between the African Union and the United Nations (amounting to a total of $124.9 million)")],
  note="A/79/907 cover letter (unnumbered paragraphs), unit null.")
Q('named','en',"Who co-chaired the independent strategic review of the UN Support Office in Somalia transmitted in A/79/907?",
  P=[('A_79_907',None,"which was co-chaired by Maman Sidikou (Niger) and Neil Cole (South Africa)")],
  note="A/79/907 cover letter; unit null.")
Q('topical','en',"In the Somalia mission savings package, what was decided about the rate paid to troop contributors?",
  P=[('A_79_907',None,"maintaining the current troop reimbursement rate of $828, rather than increasing it to $1,000 as initially proposed")],
  note="A/79/907 cover letter; unit null.")
Q('factual','en',"How many uniformed personnel may AUSSOM deploy from July to December 2025 with UNSOS support?",
  P=[('A_79_907','para 2',"the deployment of up to 11,826 uniformed personnel, inclusive of 680 police personnel, to AUSSOM from 1 July until 31 December 2025")],
  note="A/79/907 annex (the review report), its para 2(b); numbered paragraphs exist only in the annex, cited as para 2.")
# S/2025/518 UNISFA strategic review letter (unnumbered)
Q('factual','en',"How many individual UN police officers are actually deployed in Abyei, and why not more?",
  P=[('S_2025_518',None,"only up to 60 individual police officers have been deployed due to lack of agreement on the part of the Government of the Sudan")],
  note="S/2025/518 letter (no numbered paragraphs), unit null.")
Q('factual','en',"How many South Sudanese army and police personnel were sent into southern Abyei from October 2022?",
  P=[('S_2025_518',None,"South Sudan deployed an estimated 700 South Sudan People’s Defence Forces and South Sudan National Police Service personnel to Abyei")],
  note="S/2025/518; unit null.")
Q('topical','en',"How did Port Sudan respond when officials in Juba sought to validate the 2013 community vote on Abyei's status?",
  P=[('S_2025_518',None,"Sudanese authorities rejected any unilateral actions in Abyei, including moves made earlier in 2025 by South Sudanese officials")],
  note="S/2025/518; unit null.")
# DP/2025/10 UNDP OAI
Q('factual','en',"How many sexual misconduct cases did UNDP's Office of Audit and Investigations open in 2024?",
  P=[('DP_2025_10','para 78',"In 2024 the Office opened 38 cases related to sexual misconduct (23 sexual harassment complaints")],
  note="DP/2025/10 para 78.")
Q('factual','en',"What financial loss to UNDP was substantiated by investigation reports in 2024?",
  P=[('DP_2025_10','para 94',"The total financial loss for UNDP that was substantiated in investigation reports issued by the Office during 2024 amounted to $362,995")],
  note="DP/2025/10 para 94.")
Q('topical','en',"Which region generated the largest number of misconduct allegations to UNDP's investigators in 2024?",
  P=[('DP_2025_10','para 81',"the Office received the most complaints from Africa (116 cases), followed by Asia and the Pacific (103 cases)")],
  note="DP/2025/10 para 81.")
Q('named','en',"What was the approved 2024 budget of UNDP's Office of Audit and Investigations according to DP/2025/10?",
  P=[('DP_2025_10','para 14',"In 2024, the Office had an approved budget of $23.75 million funded from institutional budget resources")],
  note="DP/2025/10 para 14.")
# DP/OPS/2025/1 and DP/FPA/2025/2
Q('topical','en',"Did UNOPS post its first operating shortfall since switching to international public sector accounting standards?",
  P=[('DP_OPS_2025_1','para 11',"for the first time, UNOPS incurred a deficit of $21.80 million from operations")],
  note="DP/OPS/2025/1 para 11.")
Q('factual','en',"By the end of 2023, how many of the S3i comprehensive response plan recommendations had UNOPS completed?",
  P=[('DP_OPS_2025_1','para 10',"By the end of 2023, 32 of the 43 recommendations in the comprehensive response plan had been completed to planned scope")],
  note="DP/OPS/2025/1 para 10.")
Q('named','en',"According to DP/OPS/2025/1, how many high-priority and medium-priority recommendations did the Board of Auditors make to UNOPS for 2023?",
  P=[('DP_OPS_2025_1','para 12',"issued nine recommendations classified as high priority and 10 classified as medium priority")],
  note="DP/OPS/2025/1 para 12.")
Q('multidoc','en',"How far had UNFPA and UNOPS got in implementing the Board of Auditors' recommendations, as reported to the Executive Board's first regular session of 2025?",
  P=[('DP_FPA_2025_2','para 2',"fully implemented 29 (63 per cent) of the 46 recommendations that were outstanding at the beginning of the 2023 financial year"),
     ('DP_OPS_2025_1','para 2',"implementation rate of audit recommendations, which increased from 56 per cent in 2022 to 58 per cent in 2023")],
  note="DP/FPA/2025/2 para 2 and DP/OPS/2025/1 para 2.")
Q('factual','en',"For how many years in a row has UNFPA received a clean audit opinion?",
  P=[('DP_FPA_2025_2','para 1',"For the past 14 consecutive years, UNFPA has received an unqualified audit opinion")],
  note="DP/FPA/2025/2 para 1.")
# JIU/REP/2025/1 UNEP review
Q('topical','en',"Has the JIU proposed a dedicated senior post at UNEP to drive enterprise risk management?",
  P=[('JIU_REP_2025_1','rec 6',"The Executive Director should designate, by the end of 2025, a Chief Risk Officer to accelerate and coordinate measures")],
  note="JIU/REP/2025/1 boxed recommendation 6.")
Q('named','en',"What does JIU/REP/2025/1 recommend that the UN Environment Assembly do about the Committee of Permanent Representatives?",
  P=[('JIU_REP_2025_1','rec 1',"clarify the mandate and role of the Committee of Permanent Representatives as its intersessional body and examine the frequency of its formal meetings")],
  R=[('JIU_REP_2025_1','para 19',"The implementation of the following recommendation is expected to enhance the effectiveness of the governance arrangements")],
  note="JIU/REP/2025/1 recommendation 1 (introduced by para 19).")
Q('crosslingual','fr',"Selon l'examen du Corps commun d'inspection sur le PNUE, d'ici quand le Directeur exécutif devrait-il approuver une stratégie de gestion des connaissances ?",
  P=[('JIU_REP_2025_1','rec 7',"The Executive Director should approve, by the end of 2026, a comprehensive strategy to support an organization-wide approach to knowledge management")],
  note="JIU/REP/2025/1 recommendation 7.")
# UNW/2025/2
Q('factual','en',"How many women won the 31 direct presidential elections held in 2024?",
  P=[('UNW_2025_2','para 14',"only five women were elected in 31 direct presidential elections")],
  note="UNW/2025/2 para 14.")
Q('crosslingual','ar',"كم عدد النساء والفتيات اللواتي يُقتلن يومياً على يد أحد أفراد الأسرة، بحسب التقرير السنوي لهيئة الأمم المتحدة للمرأة؟",
  P=[('UNW_2025_2','para 4',"with an estimated 140 women and girls killed every day by a family member")],
  note="UNW/2025/2 para 4.")
Q('factual','en',"How much did UN-Women invest in 2024 and in how many countries and territories?",
  P=[('UNW_2025_2','para 2',"Carrying out its triple mandate, and with investments of $622.8 million in 109 countries/territories")],
  note="UNW/2025/2 para 2.")
# E/2025/57 System-wide Evaluation Office
Q('factual','en',"How many country programmes did the Spotlight Initiative on violence against women run?",
  P=[('E_2025_57','para 29',"through 26 country programmes, five regional programmes, one thematic regional programme and two civil society programmes")],
  note="E/2025/57 para 29.")
Q('topical','en',"How much evaluation material does the UN system produce each year, and how usable is it?",
  P=[('E_2025_57','para 38',"Approximately 1,000 evaluation reports are published annually across the United Nations system, providing an extensive but fragmented evidence base")],
  note="E/2025/57 para 38.")
Q('named','en',"In E/2025/57, what total requirement did the Secretary-General propose for the System-wide Evaluation Office in the 2025 programme budget?",
  P=[('E_2025_57','para 12',"submitted a proposed programme budget for 2025 in which he set out total requirements of $3.4 million")],
  note="E/2025/57 para 12.")
# E/2025/15 regional cooperation; E/2025/19 ECLAC
Q('crosslingual','ar',"ما هي المنطقة الوحيدة التي يتزايد فيها فقر الدخل وفقاً لتقرير الأمين العام لعام 2025 عن التعاون الإقليمي؟",
  P=[('E_2025_15','para 36',"The Arab region is the only region where income poverty is rising")],
  note="E/2025/15 para 36.")
Q('topical','en',"Which region is described as ageing faster than any other, and what is its regional commission doing about it?",
  P=[('E_2025_15','para 41',"As Asia and the Pacific is the most rapidly ageing region in the world, ESCAP")],
  note="E/2025/15 para 41.")
Q('topical','en',"What structural obstacles does the UN's Latin American regional commission say keep its region stuck?",
  P=[('E_2025_19','para 1',"Latin America and the Caribbean faces three development traps: low capacity for growth; high inequality and low social mobility and cohesion")],
  R=[('E_2025_15','para 19',"With regard to Latin America and the Caribbean, the region faces three")],
  note="E/2025/19 para 1; echoed in E/2025/15 para 19.")
# E/CN.18/2025/2 UNFF
Q('factual','en',"Which global forest goals are the thematic priorities for the Forum on Forests' 2025–2026 sessions?",
  P=[('E_CN.18_2025_2','para 4',"therefore the twentieth and twenty-first sessions of the Forum, will be global forest goals 1, 3 and 5")],
  note="E/CN.18/2025/2 para 4.")
Q('topical','en',"What was the country-led initiative hosted by the Congo for the forest forum about?",
  P=[('E_CN.18_2025_2','para 6',"which took place from 2 to 5 July 2024 in Brazzaville and was focused on afforestation and reforestation")],
  note="E/CN.18/2025/2 para 6.")
# E/C.2/2025/2 NGO quadrennial reports (unnumbered within each report)
Q('factual','en',"Who prepared the quadrennial report of the Congolese NGO Action Jeunesse pour le développement?",
  P=[('E_C.2_2025_2',None,"which was prepared by Mr. Louis Bahakoula Mabidi, Executive Director of Action Jeunesse pour le développement")],
  note="E/C.2/2025/2, report no. 3; NGO reports have no numbered paragraphs, unit null.")
# GEGN.2/2025/35 Denmark
Q('topical','en',"Why must Denmark reconstruct its old archive of toponyms?",
  P=[('GEGN.2_2025_35',None,"re-establishing and revitalizing the historical database on place names of Denmark, in the aftermath of a hacker attack in 2022")],
  note="GEGN.2/2025/35 summary; no numbered paragraphs, unit null.")
# HRI/MC/2025/1
Q('topical','en',"What secretariat document will the treaty body Chairs use in 2025 to discuss retaliation against people who engage with them?",
  P=[('HRI_MC_2025_1',None,"the note by the secretariat on the practices of the human rights treaty bodies on intimidation and reprisals")],
  note="HRI/MC/2025/1 annotation to agenda item 7 (agenda items are not paragraphs), unit null.")
# ST/IC/2025/1
Q('named','en',"Under information circular ST/IC/2025/1, who chairs the Senior Review Group?",
  P=[('ST_IC_2025_1','para 1',"Movses Abelian, Under-Secretary-General for General Assembly and Conference Management")],
  note="ST/IC/2025/1 para 1 (list of members); irregular spaces collapse.")
# CCPR/C/121/D/2025/2011
Q('crosslingual','es',"¿Por qué el Comité de Derechos Humanos decidió poner fin al examen de la comunicación núm. 2025/2011?",
  P=[('CCPR_C_121_D_2025_2011',None,"there had been no response to any letters, decided to discontinue the consideration of communication No. 2025/2011")],
  note="CCPR/C/121/D/2025/2011 (one unnumbered paragraph), unit null.")
# TD/B/CN.4/36 (1994)
Q('topical','en',"In UNCTAD's 1994 progress report on shipping, what safeguard was stressed so that liberalization benefits are not lost?",
  P=[('TD_B_CN.4_36','para 2',"including the formulation of competition policies to ensure that potential benefits from policy reforms are not eroded by possible monopolistic practices")],
  note="TD/B/CN.4/36 chapter I para 2 (introduction uses roman (i)-(v)).")
# A/39/361 (1984, OCR)
Q('topical','en',"What joint programme did UNICEF and the Indonesian Red Cross agree to start in East Timor in 1982?",
  P=[('A_39_361','para 12',"Red Cross agreed to initiate a special project of basic services for children")],
  note="A/39/361 para 12; OCR text is noisy, quote chosen from a clean span; checked in pdftotext output.")
# A/80/159 ICP oceans
Q('factual','en',"Who co-chaired the twenty-fifth meeting of the Informal Consultative Process on Oceans and the Law of the Sea?",
  P=[('A_80_159','para 3',"the Permanent Representative of Barbados to the United Nations, François Jackman, and the Permanent Representative of Iceland")],
  note="A/80/159 para 3.")
Q('topical','en',"At the 2025 oceans consultative process, did anyone point out that the ocean goal gets little money?",
  P=[('A_80_159','para 9',"One delegation noted with concern that Goal 14 remained one of the least funded Goals")],
  note="A/80/159 para 9.")
# A/80/179 durable peace in Africa
Q('topical','en',"What lies behind popular support for military takeovers in Africa, according to survey evidence cited by the Secretary-General?",
  P=[('A_80_179','para 27',"frustration with government performance, in particular in the areas of economic exclusion, insecurity and corruption, was a key proximate driver of support")],
  note="A/80/179 para 27.")
Q('crosslingual','ru',"Сколько из десяти самых смертоносных терактов в мире в 2024 году произошло в Африке?",
  P=[('A_80_179','para 31',"The continent accounted for 8 of the 10 deadliest terrorist attacks globally and 17 of the 20 most fatal incidents")],
  note="A/80/179 para 31.")
# A/78_668 file = E/C.16/2024/4 (CEPA paper)
Q('topical','en',"Is there an example of a scheme pairing pensioners with schoolchildren so each helps the other learn?",
  P=[('A_78_668','para 51',"an intergenerational volunteer programme bringing children and seniors living in Banská Bystrica together to learn from and help each another")],
  note="File A_78_668 (masthead E/C.16/2024/4), para 51 (Slovakia).")
Q('named','en',"In the CEPA paper 'Building inclusive institutions that leave no one behind at the midpoint of the 2030 Agenda', how many countries presented voluntary national reviews in 2023?",
  P=[('A_78_668','para 42',"In 2023, 39 countries presented their voluntary national reviews on the implementation of the 2030 Agenda")],
  note="Title form; file A_78_668 (E/C.16/2024/4) para 42.")
Q('crosslingual','es',"¿Cuántos principios de gobernanza eficaz para el desarrollo sostenible elaboró el Comité de Expertos en Administración Pública?",
  P=[('A_78_668','para 28',"Building inclusive institutions will require implementing the 11 principles of effective governance for sustainable development developed by the Committee")],
  note="A_78_668 para 28.")
# A/80/150 provisional agenda + resolution 79/40
Q('multidoc','en',"Under which agenda item will the General Assembly take up the illicit small arms trade at its eightieth session, and which resolution put it there?",
  P=[('A_80_150','para 100',"The illicit trade in small arms and light weapons in all its aspects (resolution 79/40)"),
     ('A_RES_79_40','OP 36',"Decides to include in the provisional agenda of its eightieth session, under the item entitled “General and complete disarmament”")],
  note="A/80/150 agenda item 100 (q) (the agenda's numbered items are its paragraphs) and A/RES/79/40 OP 36.")
