# no_answer questions. corpus_txt/ = pdftotext -layout of pdf-2025/*.pdf and pdf/*.pdf + resolutions/*.txt + reports/wg6-2021.txt (83 files)
NA = lambda lang, q, note: Q('no_answer', lang, q, P=[], R=[], note=note, docs=[])
# --- tricky: the words occur, the specific ask is not answered ---
NA('en',"What is the name of the Nigerian Permanent Representative who chaired the Special Committee on Peacekeeping Operations at its 2025 session?",
   "TRICKY. A/79/19 para 5 only says Nigeria would nominate its incoming Permanent Representative 'once in place'; no name. grep -n 'Nigeria' corpus_txt/A_79_19.txt -> para 5 and the membership list only; grep -ril 'Chair of the Special Committee' corpus_txt -> none naming a Nigerian chair.")
NA('en',"How many firearms were seized in Haiti in May and June 2025?",
   "TRICKY. The seizure table annexed to S/2025/420 stops at April 2025 (2025 rows January-April); grep -n -i 'seiz' corpus_txt/S_2025_420.txt and the S_2025_85/S_2025_303 annex tables give no May/June 2025 figure.")
NA('en',"What amount did the General Assembly appropriate for holding the Fifteenth Crime Congress in Abu Dhabi?",
   "TRICKY. A/RES/79/186 OP 23 only says resources come from within the 2025 and 2026 programme budgets; grep -c '\\$' corpus_txt/A_RES_79_186.txt corpus_txt/A_RES_78_223.txt -> 0 dollar amounts.")
NA('en',"Where will the High-level Committee on Programmes hold its fifty-first session?",
   "TRICKY. CEB/2025/4 paras 76-78 give the fiftieth session (Vienna) and a UNEP offer for the fifty-second (Nairobi); grep -i 'fifty-first' corpus_txt/CEB_2025_4.txt -> none.")
NA('en',"What interest rate will the Libyan Investment Authority's frozen cash earn in the low-risk time deposits allowed by resolution 2769 (2025)?",
   "TRICKY. S/RES/2769 (2025) OP 14 allows low-risk time deposits whose interest stays frozen but states no rate; grep -i -E 'interest rate|per cent' corpus_txt/S_RES_2769_2025.txt -> none.")
NA('en',"What prison term does the Firearms Protocol prescribe for the illicit manufacturing of firearms?",
   "TRICKY. A/RES/55/255 annex art. 5 requires criminalization but sets no penalty; grep -i -E 'imprisonment|deprivation of liberty' corpus_txt/A_RES_55_255.txt -> none; the only 'years' are record-keeping (ten years) and amendments (five years). wg6-2021 does not give one either (grep -i imprisonment).")
NA('en',"How many Afghan women lost their jobs with NGOs because of decree 4293?",
   "TRICKY. A/79/797 para 9 reports the reissue of decree 4293 but gives no number of women affected; grep -n '4293' corpus_txt/*.txt -> only A_79_797 line of para 9.")
NA('en',"What was the recorded vote on General Assembly resolution 79/154 on trafficking in women and girls?",
   "TRICKY. The text ends with '53rd plenary meeting, 17 December 2024' and no voting record; grep -i -E 'recorded vote|in favour|abstention' corpus_txt/A_RES_79_154.txt -> none.")
NA('en',"What budget has been approved for UNDP's Office of Audit and Investigations for 2025?",
   "TRICKY. DP/2025/10 paras 14-16 give the 2024 budget ($23.75 million) only; grep -n '2025' corpus_txt/DP_2025_10.txt | grep -i budget -> none.")
NA('en',"On what date was First Vice-President Riek Machar released from detention?",
   "TRICKY. S/2025/231 paras 6 and 46 report his arrest in March 2025, nothing on release; grep -i 'releas' corpus_txt/S_2025_231.txt -> none; grep -ril 'Machar' corpus_txt -> only S_2025_231.")
NA('en',"What was the theme of the 2025 World Day against Trafficking in Persons?",
   "TRICKY. Many resolutions mention the World Day (30 July) but none a 2025 theme; grep -h -o 'World Day against Trafficking in Persons.\\{0,120\\}' corpus_txt/*.txt -> no theme.")
NA('en',"On what date did the Security Council adopt resolution 2731 (2024) renewing the South Sudan arms embargo?",
   "TRICKY. grep -l '2731' corpus_txt/*.txt -> only S_2025_231, which cites the resolution (renewal until 31 May 2025) without its adoption date.")
NA('en',"How much cocaine was seized in the Saint Michel du Sud operation in Haiti in May 2025?",
   "TRICKY. S/2025/420 para 8 says two people were arrested for 44 kg of marijuana there; the 11 kg cocaine-like substance was a separate Dominican seizure. grep -n -i 'Saint Michel' corpus_txt/*.txt -> one line, marijuana only.")
NA('en',"What was Haiti's homicide rate per 100,000 inhabitants in 2024?",
   "TRICKY. S/2025/85 para 4 gives ~5,600 violent deaths, not a rate; grep -i -E 'homicide rate|per 100,000|100,000 inhabitants' corpus_txt/*.txt -> none.")
NA('en',"Which new individuals were added to the Libya sanctions list by resolution 2769 (2025)?",
   "TRICKY. S/RES/2769 (2025) contains no designations (OP 11 concerns de-listing requests); grep -n -i 'designat' corpus_txt/S_RES_2769_2025.txt -> only general criteria and de-listing.")
NA('zh',"联合国大会第79/189号决议要求世界卫生组织在哪一年之前完成器官、组织和细胞领域的全球战略？",
   "TRICKY. A/RES/79/189 OP 17 encourages WHO to take further steps towards a global strategy, with no deadline; qtool units A_RES_79_189 OP 17 has no year.")
NA('ru',"Сколько сотрудников ЮНОДК работает в Гаити?",
   "TRICKY. The Haiti reports mention 'UNODC staff' only as sources (grep -n -i 'staff' corpus_txt/S_2025_85.txt corpus_txt/S_2025_303.txt corpus_txt/S_2025_420.txt); no headcount anywhere.")
NA('es',"¿Cuál es el presupuesto previsto para la Oficina de Evaluación de todo el Sistema de las Naciones Unidas en 2026?",
   "TRICKY. E/2025/57 para 12 gives the 2025 requirement ($3.4 million); '2026' appears only in the evaluation plan table. grep -n '2026' corpus_txt/E_2025_57.txt -> no budget figure.")
NA('es',"¿Cuál fue la tasa de inflación de Argentina en 2024?",
   "TRICKY. Inflation figures exist only for Bolivia (A/80/11 para 105) and elsewhere; grep -i -E 'Argentina.{0,40}inflation|inflation.{0,40}Argentina' corpus_txt/*.txt -> none.")
# --- topics the library does not cover ---
NA('en',"What rules govern deep-sea mining exploration contracts in the Clarion-Clipperton Zone?",
   "grep -ril 'Clipperton' corpus_txt -> none (only 'Clarion Call' on gender matches 'Clarion'); A/80/159 mentions deep-sea research only.")
NA('en',"Which countries have signed the WHO Pandemic Agreement?",
   "grep -ril 'Pandemic Agreement' corpus_txt -> none; grep -ril 'pathogen' -> none.")
NA('en',"How many polio cases were reported in Afghanistan in 2024?",
   "grep -ril 'polio' corpus_txt -> none (A/79/797 on Afghanistan has no polio data).")
NA('en',"What has the Security Council said recently about the Kashmir dispute?",
   "grep -ril 'Kashmir' corpus_txt -> none.")
NA('en',"What are the IMO requirements for ships' ballast water management?",
   "grep -ril 'ballast' corpus_txt -> none.")
NA('en',"What was decided at the latest Antarctic Treaty Consultative Meeting?",
   "grep -ril 'Antarctic' corpus_txt -> none.")
NA('zh',"联合国对南海仲裁案持什么立场？",
   "grep -ril 'South China Sea' corpus_txt -> none; grep -ril 'arbitral' -> no such case.")
NA('ru',"Какие новые санкции Совет Безопасности ввёл против КНДР в 2025 году?",
   "grep -ril '1718' corpus_txt -> none; the DPRK appears only in membership/speaker lists (grep -il \"Democratic People's Republic of Korea\").")
NA('fr',"Combien de réfugiés ukrainiens la Pologne accueillait-elle en 2024 ?",
   "grep -ril -E 'Ukrainian refugees|refugees from Ukraine' corpus_txt -> none; Poland appears only in member lists.")
NA('fr',"Quel est l'effectif actuel de la MINUSCA en République centrafricaine ?",
   "grep -ril 'MINUSCA' corpus_txt -> none.")
NA('ar',"ما هي قائمة مواقع التراث العالمي المعرضة للخطر لعام 2025؟",
   "grep -ril 'World Heritage' corpus_txt -> none (cultural property resolutions concern trafficking, not the heritage list).")
NA('en',"What did the investigation into the 2022 Nord Stream pipeline explosions conclude?",
   "grep -ril 'Nord Stream' corpus_txt -> none.")
NA('en',"Which travel class are United Nations staff entitled to on long-haul official flights?",
   "grep -ril -E 'business class|class of travel|travel entitlement' corpus_txt -> none.")
