"""The per-language word lists of :mod:`ingest.topic_words`: function words that are never a
topic, and name words that are none alone but may be part of a name."""

from __future__ import annotations

# Per language, what English's list holds beyond sumy's (Russian: sumy has no list, so all of
# its function words). Function words sumy's lists lack
# (many open sentences, capitalised: "Según", "Après", "Laut", "Cependant"), reporting verbs,
# titles, abbreviated amounts ("Mrd", "Md") and dates (months, weekdays); German's "z" and "b"
# are the letters of "z. B." ("Z. B." opening a sentence). French keeps "mars": March and the
# planet (and Mars Inc.) share it. Hindi's lists hold each word in Latin letters too (Hindi in
# Latin letters is detected as Hindi: summarizer.languages.is_romanised_hindi), and "gaya"
# (went, was done), which the city of Gaya keeps out of Hindi's stop words.
FUNCTION_WORDS = {
    "es": """
        qué cómo cuándo dónde quién quiénes cuál cuáles según mediante hacia esto eso está están
        estaba estaban ese esa esos esas le les después antes lugar aquello aquel aquella muchos
        muchas mucho algo nada embargo entre contra sobre hasta desde durante mientras tras ante
        bajo además también ya aún todavía así sido será serán sería serían había habían hay
        tiene tienen tenía puede pueden podría debe deben hace hacer hecho cada otro otra otros
        otras mismo misma parte ciento dijo dice afirmó indicó anunció explicó señaló aseguró
        subrayó destacó aunque
        añadió declaró informó sr sra dr personas lunes martes miércoles jueves viernes sábado
        domingo enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre
        diciembre
    """,
    "fr": """
        après selon où quand comment pourquoi lorsque dès ainsi cependant toutefois pourtant
        lors alors avait avaient aura auront aurait auraient ayant soit sera seront serait
        seraient fut sont contre entre chez malgré parmi vers depuis pendant sous sans avant
        devant lieu plusieurs certains certaines autre autres celle celui ceux celles cela ceci
        tous toutes tout toute très bien peu beaucoup déjà encore aussi également donc puis
        notamment environ fait faire peut peuvent pourrait doit doivent suite propos part
        aujourd hier demain pour cent dit déclaré ajouté affirmé estimé assuré rappelé réagi
        indiqué annoncé expliqué
        précisé souligné m mme dr md mds personnes lundi mardi mercredi jeudi vendredi samedi
        dimanche
        janvier février avril mai juin juillet août septembre octobre novembre décembre
    """,
    "de": """
        laut gemäß trotz während wegen bereits jedoch sowie sei seien würde würden könnte
        könnten sollte sollten müsse soll sollen kann können muss müssen diese diesem diesen
        noch nur sehr schon immer gegen seit beim gibt zwischen zwar etwa ob um so alle allem
        allen alles andere anderen anderer kein keine keinen ihm ihn ihnen ihrer ihres seinem
        seinen seiner seines selbst sondern also dann denn ganz viel wohl dabei damit dazu davon
        daran darauf insgesamt ohne z b mehr viele vielen einige rund bisher heute gestern
        morgen mal sagte sagt erklärte betonte berichtete herr frau dr mrd mio menschen leute montag
        dienstag mittwoch donnerstag freitag samstag sonntag januar februar märz april mai juni
        juli august september oktober november dezember
    """,
    "hi": """
        उन्होंने उन्हें उनके उनकी उनका उनको इसके इसकी इसका इसमें इससे उसके उसकी उसका दौरान तहत
        द्वारा करेंगे करेगा करेगी करेगे दिया दी दिए दिये देगा देगी देंगे देने देते देता देती लिया
        ली लेगा लेगी लेंगे लेने लेते लेता लेती शुरू पूरा पूरी पूरे चाहिए सकता सकते सकती सकेंगे
        उसने इसने लोग लोगों पीछे मैंने मुझे मेरा मेरी मेरे हमें हमने हमारा हमारी हमारे आपने आपको
        क्या क्यों इसलिए बहुत अलावा अधिक करना जाएगा जाएगी जाएंगे सुश्री श्रीमती लगता करेंगी
        देंगी लेंगी रहेगा रहेगी रहेंगे रहेंगी होंगी मिलेगा मिलेगी मिलेंगे चाहता चाहती चाहते
        karenge karega karegi diya diye dega degi denge dene liya lega legi lenge lene shuru
        poora poori poore pura puri pure chahiye sakta sakte sakti usne isne log logon maine
        mujhe mera meri mere hamein humne hamara hamari hamare aapne aapko kya kyon isliye bahut
        alawa adhik karna jayega jayegi jayenge lagta karengi dengi lengi rahega rahegi rahenge
        milega milegi milenge chahta chahti chahte
        ज़्यादा ज्यादा ज़्यादातर ज्यादातर जिससे जिसमें जिसके जिसकी जिसका जिसने जिन्हें किसी विरुद्ध
        ख़िलाफ़ खिलाफ जैसे जैसा जैसी बारे सबसे मिला मिली मिले zyada jyada zyadatar jisse jisme kisi viruddh
        khilaf jaise jaisa jaisi baare sabse
        कहना कहते कहती कहने बताते बताती बताए बोले बोला किये अनुसार मुताबिक उससे
        नाम बात वजह अभी फिर हूं हूँ तरह तौर बार पास बीच खुद जाए यदि रूप समय काम असर ऐसे ऐसा ऐसी
        कौन पता बनी naam baat wajah abhi phir hoon tarah taur baar paas beech khud jaaye yadi roop
        samay kaam asar aise aisa aisi kaun pata bani
        आज कल श्री सोमवार मंगलवार बुधवार गुरुवार शुक्रवार शनिवार रविवार जनवरी फरवरी मार्च अप्रैल
        मई जून जुलाई अगस्त सितंबर अक्टूबर नवंबर दिसंबर
        unhone unhonne unhen unhe unke unki unka unko iske iski iska ismein isse uske uski uska
        dauran tahat dwara aaj kal shri shree somvar mangalvar budhvar guruvar shukravar shanivar
        ravivar janvari farvari aprail mai joon julai agast sitambar aktubar navambar disambar
        gaya
    """,
    # Arabic and Hebrew: verbs of saying ("وأضاف الجيش", "and the army added", was one term).
    "ar": """
        قالت أضاف وأضاف أضافت وأضافت أوضح وأوضح أوضحت وأوضحت أكد وأكد أكدت وأكدت أشار وأشار
        أشارت وأشارت أعلن وأعلن أعلنت وأعلنت ذكر وذكر ذكرت وذكرت تابع وتابع صرح وصرح أفاد وأفاد
        أفادت وأفادت
    """,
    "he": "אמר ואמר אמרה אמרו הוסיף והוסיף הוסיפה מסר מסרה מסרו ציין ציינה הודיע הודיעה נמסר לדברי",
    # Italian and Portuguese (ranked with sumy's stop words only until 2026-12-05): what those
    # lists lack that NTREX's news made topics of ("affermato", "sobre", "após", "disse").
    "it": """
        affermato dichiarato detto spiegato aggiunto sottolineato annunciato riferito ribadito
        precisato ammesso dovrebbe secondo
        appena circa oltre verso contro durante dopo prima mentre ancora già anche però quindi
        inoltre tuttavia sig sig.ra dott persone lunedì martedì mercoledì giovedì venerdì sabato
        domenica gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre
        novembre dicembre
    """,
    "pt": """
        afirmou disse declarou referiu explicou acrescentou anunciou sublinhou garantiu salientou
        frisou acabou segundo sobre após então
        contra durante antes depois ainda cada quando onde enquanto também apenas cerca além
        entre desde sr sra dr pessoas segunda-feira terça-feira quarta-feira quinta-feira
        sexta-feira sábado domingo janeiro fevereiro março abril maio junho julho agosto setembro
        outubro novembro dezembro
    """,
    "ru": """
        в во на и а но или что чтобы как это этот эта эти этого этой этом тот та те по с со к ко
        у о об от до из за для при без над под про через после перед между также уже ещё еще не
        ни он она оно они мы вы я его её ее их ему ей им был была были было будет будут быть
        есть который которая которые которое которого которой которых сегодня вчера завтра
        такой другой каждый весь свой самый мистер миссис мисс
        заявил заявила заявили сообщил сообщила сообщили сказал сказала отметил отметила г гг
        утром днём днем вечером ночью сейчас теперь пока
        понедельник вторник среда среду четверг пятница пятницу суббота субботу воскресенье
        январь января февраль февраля март марта апрель апреля май мая июнь июня июль июля
        август августа сентябрь сентября октябрь октября ноябрь ноября декабрь декабря январе
        феврале марте апреле мае июне июле августе сентябре октябре ноябре декабре
    """,
}
# The name words: "new" and "last", ordinals, numbers and amounts, time spans.
NAME_WORDS = {
    "es": """
        gran grandes pasado próximo primer primero primera primeros último última últimos nuevo
        nueva nuevos nuevas dos tres cuatro cinco diez cien mil millones día días semana semanas
        año años mes meses vez veces hoy ayer mañana número
    """,
    "fr": """
        premier première premiers premières dernier dernière derniers dernières nouveau nouvel
        nouvelle nouveaux nouvelles ancien ancienne prochain prochaine deux trois quatre cinq
        dix cent mille million millions milliard milliards jour jours semaine semaines an ans
        année années mois heure heures fois nombre
    """,
    "de": """
        zwei drei vier fünf zehn hundert tausend million millionen milliarde milliarden erste
        ersten erster letzte letzten letzter neue neuen neuer neues tag tage tagen woche wochen
        jahr jahre jahren monat monate monaten zahl prozent
    """,
    "hi": """
        दिन दिनों सप्ताह हफ्ते साल सालों वर्ष वर्षों महीने महीना प्रतिशत लाख करोड़ दो तीन चार
        पांच पाँच पहली पहला दूसरा दूसरी दूसरे तीसरा तीसरी तीसरे नए नई नया अगले अगला अगली मिलियन
        बिलियन
        din dinon saptah hafte hafta saal saalon varsh varshon mahine mahina pratishat lakh crore
        karod do teen char paanch panch pehli pehla pahli pahla naye nae nayi nai naya agle agla
        agli million billion doosra doosri doosre teesra teesri teesre
    """,
    "it": """
        nuovo nuova nuovi nuove primo prima primi ultimo ultima ultimi due tre quattro cinque
        dieci cento mille milioni miliardi giorno giorni settimana settimane anno anni mese mesi
        volta volte oggi ieri domani numero
    """,
    "pt": """
        grande grandes novo nova novos novas primeiro primeira último última dois duas três
        quatro cinco dez cem mil milhões dia dias semana semanas ano anos mês meses vez vezes
        hoje ontem amanhã número
    """,
    "ru": """
        новый новая новое новые нового новой новых первый первая первое первые первого первой
        последний последняя последнее два две три четыре пять десять сто тысяча тысячи тысяч
        миллион миллиона миллионов миллиард миллиарда миллиардов год года году лет день дня дней
        неделя недели месяц месяца
    """,
}
