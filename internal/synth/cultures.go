package synth

// culture is a naming convention with the countries, phones and airports
// that go with it. Names are written in their own orthography (with
// diacritics); airlines fold them to upper-case ASCII.
type culture struct {
	key      string
	nats     []string // nationalities, commonest first
	male     []string
	female   []string
	surnames []string
	// patronymic: Russian-style father's name as middle name.
	patronymic bool
	// fatherMiddle: the father's given name as a middle name (Arabic).
	fatherMiddle bool
	// feminine surname suffix rule (Slavic, Central Asian): -OV -> -OVA.
	femSuffix bool
	airports  []string // home airports
	phone     phonePlan
	mail      []string
	passport  string // passport number pattern (see pattern)
}

// phonePlan is a country's mobile numbering: country code, mobile
// prefixes and subscriber digits.
type phonePlan struct {
	cc       string
	prefixes []string
	rest     int
}

var (
	cTurkish = &culture{key: "turkish", nats: []string{"TUR"},
		male: []string{"Mehmet", "Mustafa", "Ahmet", "Ali", "Hüseyin", "Hasan", "İbrahim", "İsmail", "Osman", "Yusuf",
			"Murat", "Ömer", "Ramazan", "Halil", "Süleyman", "Abdullah", "Mahmut", "Recep", "Salih", "Kemal", "Emre",
			"Burak", "Serkan", "Oğuz", "Cem", "Barış", "Gökhan", "Tolga", "Emir", "Yiğit", "Kerem", "Eren", "Çağrı",
			"Uğur", "Şükrü", "Ertuğrul", "Furkan", "Enes", "Muhammed", "Abdulkadir"},
		female: []string{"Fatma", "Ayşe", "Emine", "Hatice", "Zeynep", "Elif", "Meryem", "Şerife", "Sultan", "Zehra",
			"Hülya", "Gül", "Özlem", "Esra", "Büşra", "Merve", "Selin", "Derya", "Ebru", "Gizem", "Nur", "Yasemin",
			"Songül", "Dilek", "İrem", "Ecrin"},
		surnames: []string{"Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Yıldırım", "Öztürk", "Aydın",
			"Özdemir", "Arslan", "Doğan", "Kılıç", "Aslan", "Çetin", "Kara", "Koç", "Kurt", "Özkan", "Şimşek", "Polat",
			"Özçelik", "Erdoğan", "Güneş", "Aksoy", "Tekin", "Acar", "Bulut", "Kaplan", "Karataş", "Bozkurt", "Tunç",
			"Güler", "Uçar", "Ateş", "Korkmaz", "Işık", "Çakır", "Avcı", "Turan", "Keskin", "Akgül", "Başaran",
			"Sarıkaya", "Ekinci", "Tatlı", "Aktaş", "Oruç"},
		airports: []string{"IST", "SAW"}, phone: phonePlan{"90", []string{"530", "532", "533", "535", "541", "542", "505", "506", "551", "555"}, 7},
		mail: []string{"gmail.com", "hotmail.com", "yandex.com.tr", "outlook.com"}, passport: "U99999999"}

	cLevant = &culture{key: "levant", nats: []string{"SYR", "SYR", "IRQ", "JOR", "LBN"}, fatherMiddle: true,
		male: []string{"Mohammad", "Mohammed", "Muhammad", "Ahmad", "Ali", "Omar", "Khaled", "Mahmoud", "Abdulrahman",
			"Abdullah", "Yousef", "Ibrahim", "Hussein", "Hassan", "Mustafa", "Bilal", "Hamza", "Anas", "Obaida", "Firas",
			"Rami", "Samer", "Tarek", "Walid", "Ziad", "Karim", "Majid", "Qasim", "Haidar", "Abbas", "Mazen", "Jamal"},
		female: []string{"Fatima", "Aisha", "Maryam", "Zainab", "Rania", "Hala", "Lina", "Noor", "Rasha", "Amal", "Huda",
			"Samar", "Dima", "Yasmin", "Reem", "Hiba", "Salma", "Ghada"},
		surnames: []string{"Al-Hassan", "Al-Ahmad", "Al-Ali", "Al-Khatib", "Haddad", "Hamdan", "Al-Sheikh", "Al-Masri",
			"Al-Halabi", "Al-Homsi", "Kanaan", "Najjar", "Darwish", "Al-Jabouri", "Al-Obaidi", "Al-Dulaimi", "Al-Tamimi",
			"Al-Rubaie", "Al-Saadi", "Al-Khalil", "Mansour", "Saleh", "Othman", "Aziz", "Al-Kurdi", "Shaker", "Hamoud",
			"Al-Zoubi", "Qassem"},
		airports: []string{"IST", "SAW"}, phone: phonePlan{"963", []string{"93", "94", "95", "98", "99"}, 7},
		mail: []string{"gmail.com", "hotmail.com", "yahoo.com"}, passport: "N999999999"}

	cMaghreb = &culture{key: "maghreb", nats: []string{"TUN", "MAR", "DZA", "TUN", "MAR"},
		male: []string{"Mohamed", "Ahmed", "Youssef", "Mehdi", "Amine", "Karim", "Hamza", "Bilel", "Sofiane", "Nabil",
			"Rachid", "Hichem", "Yassine", "Anis", "Walid", "Khalil", "Oussama", "Ayoub", "Abdelkader", "Abderrahmane",
			"Said", "Mourad"},
		female: []string{"Fatma", "Khadija", "Amina", "Meriem", "Salma", "Imen", "Sonia", "Nadia", "Samira", "Leila",
			"Houda", "Yasmina", "Ines", "Rim", "Sarra", "Asma"},
		surnames: []string{"Ben Ali", "Trabelsi", "Gharbi", "Hammami", "Jlassi", "Bouazizi", "Mejri", "Ben Salah", "Ayari",
			"Saidi", "El Amrani", "Benali", "Bennani", "Alaoui", "El Idrissi", "Tazi", "Berrada", "Chraibi", "Ouali",
			"Belkacem", "Benaissa", "Boudiaf", "Mansouri", "Zerrouki", "Brahimi", "Khelifi", "Bouzid", "Hamdi", "Meziane"},
		airports: []string{"TUN", "CMN", "ALG"}, phone: phonePlan{"216", []string{"2", "5", "9"}, 7},
		mail: []string{"gmail.com", "yahoo.fr", "hotmail.fr", "topnet.tn"}, passport: "A9999999"}

	cEgyptian = &culture{key: "egyptian", nats: []string{"EGY"}, fatherMiddle: true,
		male: []string{"Mohamed", "Ahmed", "Mahmoud", "Mostafa", "Omar", "Youssef", "Karim", "Amr", "Tarek", "Hossam",
			"Sherif", "Hany", "Islam", "Abdelrahman"},
		female: []string{"Mariam", "Nour", "Yasmin", "Aya", "Salma", "Heba", "Dina", "Mona", "Rana"},
		surnames: []string{"Abdelaziz", "El Sayed", "Hassan", "Mostafa", "Ibrahim", "Fathy", "Salem", "Farouk", "Gaber",
			"Shawky", "Ragab", "Soliman", "El Masry"},
		airports: []string{"CAI"}, phone: phonePlan{"20", []string{"10", "11", "12", "15"}, 8},
		mail: []string{"gmail.com", "yahoo.com"}, passport: "A99999999"}

	cChechen = &culture{key: "chechen", nats: []string{"RUS"}, patronymic: true, femSuffix: true,
		male: []string{"Ruslan", "Magomed", "Akhmed", "Islam", "Rustam", "Adam", "Zelimkhan", "Timur", "Aslan", "Umar",
			"Ibragim", "Alikhan", "Movsar", "Bislan", "Aleksandr", "Dmitriy", "Sergey", "Andrey", "Maksim", "Khasan"},
		female: []string{"Zarema", "Madina", "Khava", "Aminat", "Elina", "Malika", "Luiza", "Petimat", "Anna", "Elena",
			"Olga", "Natalya", "Irina"},
		surnames: []string{"Magomedov", "Ismailov", "Umarov", "Musayev", "Abdulayev", "Akhmadov", "Khasanov", "Elmurzayev",
			"Tsakayev", "Bakayev", "Gaziev", "Vakhayev", "Ivanov", "Smirnov", "Kuznetsov", "Popov", "Sokolov", "Volkov",
			"Morozov", "Petrov"},
		airports: []string{"IST"}, phone: phonePlan{"7", []string{"928", "929", "938", "909", "916"}, 7},
		mail: []string{"mail.ru", "yandex.ru", "gmail.com"}, passport: "759999999"}

	cCentralAsian = &culture{key: "central_asian", nats: []string{"UZB", "KAZ", "KGZ", "TJK", "UZB"}, patronymic: true, femSuffix: true,
		male: []string{"Aziz", "Bekzod", "Jasur", "Sardor", "Timur", "Rustam", "Dilshod", "Otabek", "Sherzod", "Nursultan",
			"Yerlan", "Daniyar", "Askar", "Azamat", "Bakhtiyar", "Farrukh", "Ulugbek", "Firdavs", "Jamshid", "Zafar",
			"Bakyt", "Nurlan", "Aibek", "Faridun", "Rahmon"},
		female: []string{"Dilnoza", "Gulnora", "Madina", "Aigerim", "Aruzhan", "Zarina", "Nilufar", "Shahnoza", "Kamila",
			"Aida", "Gulnara", "Saltanat"},
		surnames: []string{"Yusupov", "Rakhimov", "Abdullaev", "Nazarov", "Tursunov", "Ergashev", "Sultanov",
			"Nurmagambetov", "Zhaksybekov", "Akhmetov", "Mamatov", "Toktogulov", "Asanov", "Saidov", "Sharipov",
			"Davlatov", "Kholov", "Mirzoev", "Karimov", "Umarov"},
		airports: []string{"TAS", "ALA", "NQZ", "FRU", "DYU"}, phone: phonePlan{"998", []string{"90", "91", "93", "94", "97"}, 7},
		mail: []string{"mail.ru", "gmail.com", "inbox.ru"}, passport: "AA9999999"}

	cCaucasus = &culture{key: "caucasus", nats: []string{"AZE", "GEO", "ARM"}, femSuffix: true,
		male: []string{"Elvin", "Rashad", "Orkhan", "Tural", "Farid", "Kamran", "Vusal", "Giorgi", "Davit", "Levan",
			"Irakli", "Aram", "Tigran", "Narek", "Armen"},
		female: []string{"Aysel", "Leyla", "Gunel", "Nigar", "Nino", "Mariam", "Tamar", "Salome", "Ani", "Lilit", "Anush"},
		surnames: []string{"Mammadov", "Aliyev", "Huseynov", "Hasanov", "Guliyev", "Ismayilov", "Beridze", "Kapanadze",
			"Gelashvili", "Maisuradze", "Petrosyan", "Sargsyan", "Harutyunyan", "Grigoryan", "Khachatryan"},
		airports: []string{"GYD", "TBS", "EVN"}, phone: phonePlan{"994", []string{"50", "51", "55", "70", "77"}, 7},
		mail: []string{"gmail.com", "mail.ru"}, passport: "C99999999"}

	cBosnian = &culture{key: "bosnian", nats: []string{"BIH"},
		male:     []string{"Emir", "Adnan", "Amar", "Haris", "Kenan", "Edin", "Mirza", "Dženan", "Armin", "Tarik", "Senad", "Nedim"},
		female:   []string{"Amina", "Lejla", "Ajla", "Emina", "Merima", "Selma", "Azra", "Dženana"},
		surnames: []string{"Hodžić", "Hadžić", "Begić", "Mehmedović", "Delić", "Kovačević", "Halilović", "Omerović", "Husić", "Mujić", "Salihović"},
		airports: []string{"SJJ"}, phone: phonePlan{"387", []string{"61", "62", "63", "65"}, 6},
		mail: []string{"gmail.com", "hotmail.com", "bih.net.ba"}, passport: "A9999999"}

	cAlbanian = &culture{key: "albanian", nats: []string{"RKS", "ALB", "MKD"},
		male:     []string{"Arben", "Besnik", "Driton", "Ilir", "Valon", "Arian", "Flamur", "Luan", "Gentian", "Agon", "Fatos", "Blerim"},
		female:   []string{"Arta", "Blerta", "Drita", "Vjosa", "Teuta", "Albana", "Elira", "Qëndresa"},
		surnames: []string{"Krasniqi", "Gashi", "Berisha", "Morina", "Hoxha", "Shala", "Kelmendi", "Bytyqi", "Hoxhaj", "Leka", "Rexhepi", "Ahmeti"},
		airports: []string{"PRN", "TIA", "SKP"}, phone: phonePlan{"383", []string{"44", "45", "49"}, 6},
		mail: []string{"gmail.com", "hotmail.com"}, passport: "P99999999"}

	cSerbian = &culture{key: "serbian", nats: []string{"SRB"},
		male:     []string{"Miloš", "Nikola", "Stefan", "Marko", "Aleksandar", "Nenad", "Dragan", "Luka", "Vuk"},
		female:   []string{"Jelena", "Milica", "Ana", "Marija", "Jovana", "Ivana"},
		surnames: []string{"Petrović", "Jovanović", "Nikolić", "Marković", "Đorđević", "Stojanović", "Ilić", "Pavlović"},
		airports: []string{"BEG"}, phone: phonePlan{"381", []string{"60", "63", "64", "65"}, 7},
		mail: []string{"gmail.com", "yahoo.com"}, passport: "999999999"}

	cBritish = &culture{key: "british", nats: []string{"GBR", "IRL"},
		male:     []string{"James", "Oliver", "Thomas", "William", "Daniel", "Matthew", "Christopher", "George", "Harry", "Jack", "Sean", "Conor"},
		female:   []string{"Sophie", "Emily", "Charlotte", "Olivia", "Jessica", "Hannah", "Amelia", "Grace", "Siobhan"},
		surnames: []string{"Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright", "Thompson", "Evans", "Walker", "O'Brien", "O'Neill", "McCarthy", "Hughes"},
		airports: []string{"LHR"}, phone: phonePlan{"44", []string{"74", "75", "77", "78", "79"}, 8},
		mail: []string{"gmail.com", "outlook.com", "btinternet.com", "yahoo.co.uk"}, passport: "999999999"}

	cFrench = &culture{key: "french", nats: []string{"FRA", "BEL"},
		male:     []string{"Jean", "Pierre", "Nicolas", "Julien", "Thomas", "Antoine", "Mathieu", "Hugo", "Louis", "Théo"},
		female:   []string{"Camille", "Léa", "Chloé", "Manon", "Élodie", "Cécile", "Inès", "Zoé", "Hélène"},
		surnames: []string{"Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Lefèvre", "Girard", "Rousseau", "Fontaine"},
		airports: []string{"CDG", "BRU"}, phone: phonePlan{"33", []string{"6", "7"}, 8},
		mail: []string{"gmail.com", "orange.fr", "free.fr", "laposte.net"}, passport: "99AA99999"}

	cGerman = &culture{key: "german", nats: []string{"DEU", "DEU", "AUT"},
		male:     []string{"Lukas", "Jonas", "Maximilian", "Felix", "Jan", "Stefan", "Jürgen", "Tobias", "Florian", "Matthias", "Uwe"},
		female:   []string{"Sophie", "Anna", "Lena", "Katharina", "Julia", "Sabine", "Jana", "Lea", "Jördis"},
		surnames: []string{"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schäfer", "Koch", "Bauer", "Groß", "Hoffmann", "Schröder", "Köhler"},
		airports: []string{"FRA", "MUC", "DUS", "VIE"}, phone: phonePlan{"49", []string{"151", "152", "160", "170", "171", "176"}, 8},
		mail: []string{"gmail.com", "web.de", "gmx.de", "t-online.de"}, passport: "CXXXXXXXX"}

	cDutch = &culture{key: "dutch", nats: []string{"NLD", "BEL"},
		male:     []string{"Daan", "Sem", "Bram", "Ruben", "Thijs", "Lars", "Jeroen", "Pieter", "Wouter"},
		female:   []string{"Sanne", "Lotte", "Femke", "Anouk", "Eva", "Fleur", "Marieke"},
		surnames: []string{"de Vries", "van den Berg", "Jansen", "de Jong", "Bakker", "Visser", "Peeters", "Janssens", "Maes", "Willems", "van Dijk", "Smit"},
		airports: []string{"AMS", "BRU"}, phone: phonePlan{"31", []string{"6"}, 8},
		mail: []string{"gmail.com", "ziggo.nl", "hotmail.nl", "telenet.be"}, passport: "AAXXXXXX9"}

	cNordic = &culture{key: "nordic", nats: []string{"DNK", "SWE"},
		male:     []string{"Lars", "Erik", "Anders", "Mikkel", "Søren", "Johan", "Magnus", "Henrik", "Oskar"},
		female:   []string{"Karin", "Ingrid", "Sofia", "Maja", "Freja", "Astrid", "Linnéa"},
		surnames: []string{"Jensen", "Nielsen", "Hansen", "Andersson", "Johansson", "Karlsson", "Nilsson", "Lindqvist", "Sørensen", "Pedersen", "Åberg"},
		airports: []string{"CPH", "ARN"}, phone: phonePlan{"45", []string{"2", "3", "4", "5"}, 7},
		mail: []string{"gmail.com", "hotmail.com", "live.se"}, passport: "99999999X"}

	cSomali = &culture{key: "somali", nats: []string{"SOM", "SWE", "GBR", "NLD", "DNK"}, fatherMiddle: true,
		male:     []string{"Mohamed", "Abdi", "Abdirahman", "Ahmed", "Hassan", "Ali", "Omar", "Yusuf", "Abdullahi", "Mahad", "Abdikarim", "Liban"},
		female:   []string{"Hodan", "Amina", "Fadumo", "Hawa", "Sahra", "Ayan", "Halima", "Nimco", "Ifrah"},
		surnames: []string{"Farah", "Warsame", "Hirsi", "Abdi", "Jama", "Osman", "Mohamud", "Aden", "Nur", "Guled", "Dahir", "Egal", "Yusuf"},
		airports: []string{"ARN", "LHR", "AMS", "CPH"}, phone: phonePlan{"46", []string{"70", "72", "73", "76"}, 7},
		mail: []string{"gmail.com", "hotmail.com"}, passport: "99999999"}

	cPersian = &culture{key: "persian", nats: []string{"IRN", "DEU", "SWE", "GBR"},
		male:     []string{"Mohammad", "Ali", "Reza", "Hossein", "Mehdi", "Amir", "Hamid", "Saeed", "Majid", "Arash", "Behnam", "Kaveh", "Dariush"},
		female:   []string{"Fatemeh", "Zahra", "Maryam", "Sara", "Leila", "Narges", "Shirin", "Parisa", "Niloufar"},
		surnames: []string{"Mohammadi", "Hosseini", "Ahmadi", "Rezaei", "Moradi", "Karimi", "Rahimi", "Jafari", "Sadeghi", "Ghorbani", "Hashemi", "Tehrani", "Shirazi"},
		airports: []string{"FRA", "ARN", "LHR", "MUC"}, phone: phonePlan{"49", []string{"157", "162", "172", "177"}, 8},
		mail: []string{"gmail.com", "yahoo.com"}, passport: "X99999999"}

	// cKurdish covers Turkish citizens from the south-east, many living in
	// Germany and the Benelux (diaspora traffic to the border region).
	cKurdish = &culture{key: "kurdish", nats: []string{"TUR", "TUR", "DEU", "NLD", "BEL"},
		male:     []string{"Mehmet", "Ahmet", "Abdullah", "Şeyhmus", "Rojhat", "Serhat", "Baran", "Welat", "Hakan", "Mahsum", "Ferhat", "Dilovan"},
		female:   []string{"Berfin", "Rojda", "Zozan", "Hevin", "Gulistan", "Ronahi", "Sakine", "Leyla", "Nesrin"},
		surnames: []string{"Ekinci", "Demir", "Tekin", "Aydemir", "Baran", "Yıldız", "Kaya", "Oruç", "Akın", "Şimşek", "Güzel", "Tunç", "Bingöl", "Zengin"},
		airports: []string{"DUS", "FRA", "AMS", "BRU", "MUC"}, phone: phonePlan{"49", []string{"152", "160", "174", "178"}, 8},
		mail: []string{"gmail.com", "hotmail.de", "gmx.de"}, passport: "U99999999"}
)

// countryPhone gives mobile plans by nationality where it differs from
// the culture's default (the phone follows the home country).
var countryPhone = map[string]phonePlan{
	"IRQ": {"964", []string{"750", "770", "780", "790"}, 7},
	"JOR": {"962", []string{"77", "78", "79"}, 7},
	"LBN": {"961", []string{"3", "70", "71", "76"}, 6},
	"MAR": {"212", []string{"6", "7"}, 8},
	"DZA": {"213", []string{"5", "6", "7"}, 8},
	"KAZ": {"7", []string{"701", "705", "707", "747", "777"}, 7},
	"KGZ": {"996", []string{"55", "70", "77"}, 7},
	"TJK": {"992", []string{"90", "91", "93", "98"}, 7},
	"GEO": {"995", []string{"555", "557", "577", "599"}, 6},
	"ARM": {"374", []string{"77", "91", "93", "99"}, 6},
	"ALB": {"355", []string{"67", "68", "69"}, 7},
	"MKD": {"389", []string{"70", "71", "75", "78"}, 6},
	"IRL": {"353", []string{"83", "85", "86", "87"}, 7},
	"BEL": {"32", []string{"470", "475", "485", "496"}, 6},
	"AUT": {"43", []string{"650", "660", "664", "676"}, 7},
	"SWE": {"46", []string{"70", "72", "73", "76"}, 7},
	"GBR": {"44", []string{"74", "75", "77", "78"}, 8},
	"NLD": {"31", []string{"6"}, 8},
	"DNK": {"45", []string{"2", "3", "4"}, 7},
	"SOM": {"252", []string{"61", "62", "63"}, 7},
	"IRN": {"98", []string{"912", "913", "935"}, 7},
	"TUR": {"90", []string{"530", "532", "535", "542", "555"}, 7},
	"DEU": {"49", []string{"151", "160", "170", "176"}, 8},
}

// homeAirport gives, by residence country, the airports people fly from.
var homeAirport = map[string][]string{
	"TUR": {"IST", "SAW"}, "SYR": {"IST", "SAW"}, "IRQ": {"IST"}, "JOR": {"IST"}, "LBN": {"IST"},
	"TUN": {"TUN"}, "MAR": {"CMN"}, "DZA": {"ALG"}, "EGY": {"CAI"}, "RUS": {"IST"},
	"UZB": {"TAS"}, "KAZ": {"ALA", "NQZ"}, "KGZ": {"FRU"}, "TJK": {"DYU"},
	"AZE": {"GYD"}, "GEO": {"TBS"}, "ARM": {"EVN"},
	"BIH": {"SJJ"}, "RKS": {"PRN"}, "ALB": {"TIA"}, "MKD": {"SKP"}, "SRB": {"BEG"},
	"GBR": {"LHR"}, "IRL": {"LHR"}, "FRA": {"CDG"}, "BEL": {"BRU"}, "DEU": {"FRA", "MUC", "DUS"}, "AUT": {"VIE"},
	"NLD": {"AMS"}, "DNK": {"CPH"}, "SWE": {"ARN"}, "SOM": {"IST"}, "IRN": {"IST"},
}

// euResidences are where diaspora travellers live.
var euResidences = []string{"DEU", "DEU", "DEU", "NLD", "BEL", "FRA", "AUT", "SWE", "DNK", "GBR"}
