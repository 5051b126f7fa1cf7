# A/80/16 CPC 65th session; CEB/2025/4 HLCP 49th session; A/79/722 CICA letter; A/79/989 snapback note; S/2025/500 Iran letter
Q('named','en',"In the report of the Committee for Programme and Coordination on its sixty-fifth session, for which programmes could members not agree on conclusions and recommendations?",
  P=[('A_80_16','para 15',"had been unable to agree on conclusions and recommendations for programme 5, Peaceful uses of outer space, and programme 7")],
  note="A/80/16 chapter I.E, para 15 (body numbering restarts at 1 after the contents).")
Q('factual','en',"Who served as Rapporteur of the Committee for Programme and Coordination in 2025?",
  P=[('A_80_16','para 7',"elected, by acclamation, Rodrigue Edgar Tchoffo Mongou (Cameroon) as Rapporteur for the session"),
     ('A_80_16','para 10',"Accordingly, the members of the Bureau for the sixty-fifth session of the Committee were")],
  note="A/80/16 para 7; bureau list in para 10.")
Q('factual','en',"How many formal meetings did the CPC hold during its 2025 session?",
  P=[('A_80_16','para 1',"It held 20 formal meetings and numerous informal and “informal informal” consultations")],
  note="A/80/16 para 1.")
Q('topical','en',"Why were some CPC members worried that the Secretary-General's UN80 reform drive might sidestep the Committee's review?",
  P=[('A_80_16','para 29',"the Committee might not be in a position to consider any potential programmatic changes arising from the UN80 Initiative")],
  R=[('A_80_16','para 28',"Several delegations expressed strong interest in the UN80 Initiative")],
  note="A/80/16 paras 28-29 (plan outline discussion).")
Q('crosslingual','ru',"Какую позицию высказала делегация Российской Федерации в КПК в 2025 году относительно деятельности по осуществлению Пакта во имя будущего?",
  P=[('A_80_16','para 16',"any activities in support of the implementation of the Pact for the Future must be conducted at the request of the interested Member States")],
  note="A/80/16 para 16.")
Q('named','en',"What did the CPC recommend in A/80/16 about the strategic priorities for 2026–2028 set out in the plan outline?",
  P=[('A_80_16','para 31',"The Committee recommended that the General Assembly approve the eight priorities for the period 2026–2028")],
  note="A/80/16 para 31.")
Q('topical','en',"During the programme committee's review of the drugs and crime programme, did anyone complain about two UN offices doing the same counter-terrorism work?",
  P=[('A_80_16','para 294',"an unaddressed issue of duplication of work in counter-terrorism operations between UNODC and the Office of Counter-Terrorism")],
  note="A/80/16 programme 13 discussion, para 294 (first page part).")
Q('crosslingual','zh',"在方案和协调委员会2025年会议上，有代表团对2024年因流动性危机而取消的哪些会议表示失望？",
  P=[('A_80_16','para 315',"expressed disappointment about the cancellation of the meetings of subsidiary bodies on narcotic substances in 2024 due to the liquidity crisis")],
  note="A/80/16 para 315.")
Q('named','en',"What did the Committee for Programme and Coordination conclude at its sixty-fifth session on programme 13, drug control, crime and terrorism prevention?",
  P=[('A_80_16','para 317',"consider the programme plan for programme 13, International drug control, crime and terrorism prevention and criminal justice")],
  note="A/80/16 para 317.")
Q('topical','en',"Was concern voiced at the CPC about UN entities running too many overlapping artificial intelligence projects?",
  P=[('A_80_16','para 625',"while noting the concerning redundancy of more than 700 initiatives on artificial intelligence under way across the system")],
  note="A/80/16 para 625 (CEB annual overview discussion).")
Q('topical','en',"What did the programme committee ask the CEB chair to keep doing about the equal use of the Organization's official languages?",
  P=[('A_80_16','para 582',"to continue to foster a coordinated approach to multilingualism, which is a core and fundamental value")],
  note="A/80/16 para 582 (programme 27 conclusions).")
Q('topical','en',"What additional information did the CPC want the chief executives' board to publish online?",
  P=[('A_80_16','para 584',"to provide more detailed data on human resources, finance and procurement of the United Nations system on the public website")],
  note="A/80/16 para 584.")
Q('factual','en',"How many UN entities joined the HLCP task team working on a system-wide approach to transnational organized crime?",
  P=[('CEB_2025_4','para 48',"23 entities joined the effort to produce a United Nations system common approach to prevent and address transnational organized crime")],
  note="CEB/2025/4 para 48.")
Q('topical','en',"Beyond law enforcement, how did members of the UN's programme committee suggest framing organized crime in the common system approach?",
  P=[('CEB_2025_4','para 55',"going beyond a criminal justice lens and, rather, treating transnational organized crime as a governance issue")],
  note="CEB/2025/4 para 55.")
Q('named','en',"According to the report of the High-level Committee on Programmes on its forty-ninth session, when and where will its next session be held?",
  P=[('CEB_2025_4','para 78',"The Committee approved the dates and location of its fiftieth session: 2 and 3 October 2025 in Vienna"),
     ('CEB_2025_4','para 76',"be held at the International Atomic Energy Agency in Vienna, on 2 and 3 October 2025")],
  note="CEB/2025/4 para 78 (conclusion), proposal in para 76.")
Q('crosslingual','es',"¿Qué pasará con el Grupo de Trabajo Interinstitucional sobre Inteligencia Artificial del HLCP después de 2025?",
  P=[('CEB_2025_4','para 73',"the mandate of the Working Group would not be extended beyond the fall of 2025, with a final report")],
  note="CEB/2025/4 para 73.")
Q('topical','en',"What are the building blocks of OCHA's approach to acting ahead of a forecast disaster, as described to the HLCP?",
  P=[('CEB_2025_4','para 22',"Anticipatory action facilitated by the United Nations Office for the Coordination of Humanitarian Affairs combined three elements: forecast-based triggers, pre-agreed activities")],
  note="CEB/2025/4 para 22.")
Q('factual','en',"When and where was the Andean regional field dialogue of the organized crime task team held, and how many took part?",
  P=[('CEB_2025_4','para 52',"It was held on 24 February 2025 in Quito, in a hybrid format, with over 50 participants")],
  note="CEB/2025/4 para 52.")
Q('factual','en',"How many member States belong to the Conference on Interaction and Confidence-building Measures in Asia?",
  P=[('A_79_722',None,"is a pan-Asian intergovernmental forum with 28 Member States aimed at fostering multilateral cooperation")],
  note="A/79/722 annex, 'Background' section; annex has no numbered paragraphs, so unit null.")
Q('factual','en',"How many events, and how many of them devoted to confidence-building measures, did CICA hold from October 2020 to October 2024?",
  P=[('A_79_722',None,"From October 2020 to October 2024, 160 events were held, including 83 CBM events")],
  note="A/79/722 annex section 1.1; unnumbered text.")
Q('topical','en',"Which pandemic-related area did Kazakhstan get added to the Asian security forum's list of trust-building measures?",
  P=[('A_79_722',None,"Kazakhstan’s proposal to add epidemiological safety, public health and pharmaceuticals to the Catalogue as a new priority area was approved")],
  note="A/79/722 annex section 1.1; unit null.")
Q('crosslingual','ru',"Кто и когда выдвинул идею создания Совещания по взаимодействию и мерам доверия в Азии?",
  P=[('A_79_722',None,"The idea to establish CICA was proposed by First President of Kazakhstan Nursultan Nazarbayev on 5 October 1992")],
  note="A/79/722 annex, Background; unit null.")
Q('topical','en',"How long does the Security Council have to vote on keeping sanctions relief in place once a party to the Iran nuclear deal alleges serious non-compliance?",
  P=[('A_79_989',None,"shall vote on the above-mentioned draft resolution within 30 days of receiving a notification by a JCPOA participant State")],
  note="A/79/989 annex (explanatory note; unnumbered paragraphs), unit null.")
Q('topical','en',"Who would sit on the advisory panel that can examine a dispute between participants in the Iran nuclear agreement?",
  P=[('A_79_989',None,"which would consist of three members (one each appointed by the participants in the dispute and a third independent member)")],
  note="A/79/989 annex; unit null.")
Q('named','en',"In the Russian Federation's August 2025 explanatory note on the resolution 2231 snapback mechanism, how is the United States' exit from the JCPOA characterized?",
  P=[('A_79_989',None,"the withdrawal of the United States from the JCPOA and reimposition of its unilateral sanctions in contravention of the Plan")],
  note="A/79/989 annex, paragraph 'All these cumulative conditions ...'; unit null.")
Q('crosslingual','ar',"ما موقف إيران من حقل آرش النفطي بحسب رسالتها إلى مجلس الأمن المؤرخة 4 آب/أغسطس 2025؟",
  P=[('S_2025_500',None,"any exploration or exploitation must be based on mutual agreement between Iran and Kuwait")],
  note="S/2025/500 (letter, no numbered paragraphs); unit null.")
Q('factual','en',"Which islands does Iran say are under its sovereignty in its August 2025 reply to the Gulf Cooperation Council statement?",
  P=[('S_2025_500',None,"sovereignty over the Iranian islands of Abu Musa, Greater Tunb and Lesser Tunb in the Persian Gulf")],
  note="S/2025/500; unit null.")
