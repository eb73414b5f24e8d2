package screen

import (
	"math/rand"
	"strings"
)

// Decoy name tables: common given names and surnames of travellers of many
// countries, written for the matching benchmark (independently of the
// frequency tables in package names). Innocent travellers are drawn from
// them by culture-specific patterns.
type culture struct {
	name     string
	male     string
	female   string
	surnames string
	// pattern: G given, F father's (male given) name, S surname, M second
	// surname, X second given name
	patterns []string
}

var cultures = []culture{
	{name: "arabic",
		male:     "Mohammed Muhammad Mohamed Ahmed Ahmad Ali Omar Khaled Khalid Youssef Yusuf Ibrahim Hassan Hussein Abdullah Abdulrahman Abdelrahman Mahmoud Mustafa Tariq Hamza Bilal Faisal Adel Samir Walid Hisham Nabil Yasser Karim Said Saeed Salem Saleh Sami Majid Nasser Jamal Fadi Rami Ziad Imad Osama Anas Ammar Amr Ayman Hani Marwan Mazen Nader Raed Ziyad Tamer Wael Bassam Ghassan Haitham Issam Jihad Kamal Louay Munir Nizar Qasim Rashid Shadi Talal Usama Yahya Zaid",
		female:   "Fatima Aisha Maryam Mariam Zainab Khadija Nour Huda Layla Leila Amina Salma Rania Dina Hala Lina Maha Mona Noura Reem Sara Yasmin Hanan Iman Samira Nadia Ghada Rasha Suha Wafa Amal Asma Basma Dalia Farah Jamila Lubna Manal Nisreen Rana Rima Sawsan",
		surnames: "Haddad Khoury Nasser Saleh Hamdan Darwish Mansour Abbas Jaber Khalil Sabbagh Shami Masri Hashemi Qureshi Zoubi Tamimi Ayoub Bakri Barakat Farhat Ghanem Habib Hijazi Issa Jarrar Kanaan Karam Mahfouz Nassar Obeid Qasem Rahal Sabri Salameh Shaheen Suleiman Taha Yassin Zayed Othman Odeh Awad Hammad Kassab Najjar Sayegh Tannous Aziz Bitar Attar Khatib Hallaq Dabbagh Najem",
		patterns: []string{"G F S", "G S", "G F S", "G X S", "G F F S"}},
	{name: "turkish",
		male:     "Mehmet Mustafa Ahmet Ali Huseyin Hasan Ibrahim Ismail Osman Yusuf Murat Omer Ramazan Halil Suleyman Abdullah Mahmut Recep Salih Fatih Kadir Emre Hakan Burak Serkan Volkan Emin Cem Can Kemal Orhan Selim Tamer Tolga Umut Yasin Zeki",
		female:   "Fatma Ayse Emine Hatice Zeynep Elif Meryem Sultan Sevgi Hacer Merve Esra Ozlem Yasemin Leyla Derya Gul Hulya Nur Ebru Seda Tugba Aylin Burcu",
		surnames: "Yilmaz Kaya Demir Sahin Celik Yildiz Yildirim Ozturk Aydin Ozdemir Arslan Dogan Kilic Aslan Cetin Kara Koc Kurt Ozkan Simsek Polat Korkmaz Karakaya Erdogan Ozer Aksoy Tekin Bulut Gunes Acar Bozkurt Keskin Uysal Ucar Tas Aktas Kocak Bayram Guler Altun",
		patterns: []string{"G S", "G X S", "G S"}},
	{name: "persian",
		male:     "Mohammad Ali Reza Hossein Mehdi Hassan Amir Abbas Mohsen Hamid Javad Saeed Majid Ahmad Morteza Mostafa Alireza Mohammadreza Behnam Dariush Farhad Kaveh Kourosh Babak Arash Omid Payam Peyman Ramin Saman Shahram Siavash",
		female:   "Fatemeh Zahra Maryam Zeinab Masoumeh Sakineh Leila Narges Parisa Roya Shirin Sara Mahsa Nazanin Niloufar Azadeh Elham Farnaz Golnaz Mina Neda Samira Shabnam",
		surnames: "Mohammadi Hosseini Ahmadi Rezaei Moradi Karimi Jafari Rahimi Heidari Ghorbani Hashemi Mousavi Sadeghi Kazemi Rostami Ebrahimi Asadi Bagheri Shirazi Tehrani Esfahani Najafi Akbari Amini Zamani Salehi Yazdani Farahani Ansari Khorasani Razavi Tabrizi",
		patterns: []string{"G S", "G X S"}},
	{name: "russian",
		male:     "Aleksandr Sergei Dmitri Andrei Aleksei Maksim Ivan Mikhail Nikolai Vladimir Yevgeny Pavel Artem Roman Oleg Igor Denis Viktor Yuri Anton Konstantin Vadim Ilya Kirill Stanislav Boris Grigory Anatoly Leonid Timur Ruslan",
		female:   "Elena Olga Tatiana Natalia Irina Svetlana Anna Maria Yekaterina Marina Yulia Anastasia Ludmila Galina Oksana Daria Ksenia Polina Viktoria Alina Valentina Nadezhda",
		surnames: "Ivanov Smirnov Kuznetsov Popov Vasiliev Petrov Sokolov Mikhailov Novikov Fedorov Morozov Volkov Alekseev Lebedev Semenov Egorov Pavlov Kozlov Stepanov Nikolaev Orlov Andreev Makarov Nikitin Zakharov Zaitsev Soloviev Borisov Yakovlev Grigoriev Romanov Vorobiev Sergeev Frolov Belov Tarasov Komarov Kiselev Medvedev Antonov",
		patterns: []string{"G S", "G P S", "G S"}},
	{name: "chechen",
		male:     "Magomed Ramzan Akhmed Ruslan Islam Adam Aslan Zelimkhan Shamil Usman Umar Khasan Khusein Movsar Abubakar Anzor Apti Bislan Dzhabrail Ibragim Isa Musa Rustam Said Salman Turpal Vakha",
		female:   "Kheda Zarema Madina Aminat Khava Petimat Malika Luiza Zalina Milana Aishat Fatima Markha",
		surnames: "Magomedov Kadyrov Dudaev Basaev Umarov Aliev Akhmadov Gaziev Isaev Musaev Saidov Yusupov Zakaev Khasanov Khadzhiev Bagaev Dzhabrailov Elmurzaev Gakaev Ismailov Kurbanov Mamaev Tsakaev Vakhaev Yandarbiev",
		patterns: []string{"G S", "G P S"}},
	{name: "somali",
		male:     "Mohamed Abdi Ahmed Ali Hassan Hussein Abdullahi Abdirahman Omar Ismail Yusuf Abdulkadir Mahad Farah Jama Osman Aden Warsame Liban Abdiaziz Abdiweli Bashir Dahir Guled Hamza Khalid Mustafe Nur Said Sharif",
		female:   "Fadumo Halima Hodan Amina Asha Khadija Sahra Hawa Ifrah Ayan Deeqa Faiza Hibo Hinda Idil Ladan Nasra Ubah Sagal Shukri Sucdi",
		surnames: "Mohamed Abdi Ahmed Ali Hassan Hussein Farah Jama Osman Aden Warsame Hirsi Elmi Duale Gutale Samatar Yusuf Omar Ismail Nur Egal Mohamud Abdullahi Dirie Awale Barre Guleid",
		patterns: []string{"G F F", "G F S", "G F"}},
	{name: "spanish",
		male:     "Jose Juan Luis Carlos Jesus Antonio Manuel Francisco Pedro Jorge Miguel Alejandro Fernando Rafael Daniel Ricardo Roberto Eduardo Javier Diego Sergio Ramon Alberto Oscar Raul Enrique Victor Hector Arturo Mario Pablo Andres Julio Cesar Hugo Gustavo Ernesto Felipe Ignacio Gabriel",
		female:   "Maria Ana Carmen Rosa Guadalupe Laura Patricia Sofia Isabel Lucia Elena Marta Teresa Julia Gabriela Adriana Veronica Claudia Silvia Monica Leticia Beatriz Alejandra Daniela Paula",
		surnames: "Garcia Rodriguez Martinez Hernandez Lopez Gonzalez Perez Sanchez Ramirez Torres Flores Rivera Gomez Diaz Cruz Morales Reyes Gutierrez Ortiz Chavez Ramos Ruiz Alvarez Mendoza Castillo Jimenez Moreno Romero Herrera Medina Aguilar Vargas Castro Guzman Fernandez Munoz Rojas Ortega Delgado Vazquez Salazar Silva Soto Contreras Navarro Pena Sandoval Rios Mejia Dominguez Cabrera Campos Vega Fuentes Carrillo Espinoza",
		patterns: []string{"G S M", "G X S M", "G S", "G S M"}},
	{name: "chinese",
		male:     "Wei Jun Jian Ming Hao Lei Qiang Bo Tao Yong Jie Peng Hui Chao Bin Xin Gang Long Feng Yang Kai Hong Dong Jing Hua Zhi Zhiwei Jianguo Jianhua Xiaoming Haoran Zihao Yuxuan Junjie Weidong",
		female:   "Li Fang Na Min Jing Yan Xiu Ying Hui Juan Ling Xia Mei Lan Qing Hong Yu Xiaoyan Xiaohong Lili Yanyan Jingjing Xinyi Yuting",
		surnames: "Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Gao Lin Luo Zheng Liang Xie Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Yu Du Ye Cheng Wei Su Lu Ding Ren Shen Yao",
		patterns: []string{"S G", "G S", "S G X"}},
	{name: "pakistani",
		male:     "Muhammad Ahmed Ali Hassan Hussain Usman Bilal Imran Asif Tariq Kamran Faisal Zubair Waqas Adnan Shahid Naveed Nadeem Arshad Rizwan Sajid Zahid Fahad Hamza Junaid Saad Umar Abdul Ghulam Rashid Khalid Irfan Javed Amir Salman Shoaib",
		female:   "Ayesha Fatima Sana Zainab Hina Saima Nadia Amna Maryam Rabia Sadia Bushra Nazia Shazia Uzma Asma Farah Kiran Mehwish Sidra Iqra",
		surnames: "Khan Ahmed Ali Hussain Malik Butt Chaudhry Qureshi Sheikh Raza Iqbal Akhtar Shah Abbasi Mirza Siddiqui Rana Awan Baig Bhatti Cheema Gill Hashmi Javed Mughal Naqvi Rizvi Zaidi Jutt Kazmi Arain Rajput",
		patterns: []string{"G S", "G X S", "G S"}},
	{name: "afghan",
		male:     "Mohammad Ahmad Abdul Gul Nazar Habib Najib Rahim Karim Wali Hamid Farid Zia Noor Shir Jawid Qadir Sami Ajmal Rahmatullah Hayatullah Zabihullah Naqibullah Samiullah Amanullah Khalil Mirwais Nasir Shafiq",
		female:   "Fatima Maryam Zarghona Malalai Shabana Nadia Sadia Farzana Mariam Roya Parwana Mursal Nilofar",
		surnames: "Ahmadzai Popal Karzai Stanikzai Noori Rahimi Hakimi Safi Sultani Wardak Zadran Mohmand Yousafzai Amiri Hashimi Nazari Sharifi Azizi Habibi Karimi Jalali Sadat Niazi Naseri Haidari Rasuli Samadi",
		patterns: []string{"G S", "G X S", "G F"}},
	{name: "european",
		male:     "Thomas Michael Peter Paul Martin Andreas Stefan Christian Jan Lukas Jonas Pierre Jean Nicolas Julien Marco Luca Giuseppe Giovanni Francesco Hans Karl Lars Erik Piotr Tomasz Pawel Jakub Marek Dimitrios Georgios Nikolaos Johan Willem Sven David James John William Robert",
		female:   "Anna Maria Laura Julia Sophie Emma Marie Claire Camille Giulia Chiara Francesca Katarzyna Agnieszka Eva Petra Ingrid Astrid Sarah Emily Charlotte Olivia Lucy Hannah",
		surnames: "Muller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Nowak Kowalski Wisniewski Wojcik Jansen Visser Smit Bakker Papadopoulos Nielsen Hansen Johansson Andersson Smith Jones Taylor Brown Williams Wilson Evans Thompson",
		patterns: []string{"G S", "G X S", "G S"}},
	{name: "westafrican",
		male:     "Mamadou Ibrahima Moussa Amadou Ousmane Abdoulaye Boubacar Souleymane Cheikh Modou Lamine Aliou Oumar Seydou Adama Issa Yaya Kofi Kwame Emeka Chinedu Oluwaseun Tunde Babatunde Musa Sani Abubakar Bello Yusuf Usman Aliyu",
		female:   "Aminata Fatoumata Mariama Aissatou Awa Kadiatou Hawa Ramatoulaye Ngozi Chioma Folake Aisha Hauwa Zainab Adaeze Amaka",
		surnames: "Diallo Traore Coulibaly Keita Toure Konate Diop Ndiaye Fall Sow Ba Camara Sylla Sissoko Cisse Mensah Owusu Boateng Okafor Okonkwo Adeyemi Ogunleye Bello Abubakar Ibrahim Mohammed Suleiman Danjuma Lawal",
		patterns: []string{"G S", "G X S"}},
	{name: "southasian",
		male:     "Rahul Amit Raj Sanjay Vijay Arun Suresh Ramesh Anil Sunil Rajesh Mahesh Deepak Manoj Ravi Ashok Prakash Krishna Vikram Arjun Rohit Nikhil Karthik Mohammed Abdul Rafiq Shafiqul Kamrul Mizanur Habibur",
		female:   "Priya Anjali Pooja Neha Sunita Anita Kavita Lakshmi Deepa Meena Rekha Shanti Divya Nasrin Taslima Rokeya Sharmin",
		surnames: "Sharma Singh Kumar Patel Gupta Reddy Rao Nair Iyer Das Shah Mehta Joshi Verma Mishra Pandey Yadav Chowdhury Rahman Hossain Islam Uddin Begum Akter Sarkar Mondal Chatterjee Banerjee Mukherjee Pillai Menon",
		patterns: []string{"G S", "G X S"}},
}

// Decoy is one generated innocent traveller.
type Decoy struct {
	Culture string
	Name    string
	Gender  string
}

// GenerateDecoys draws n innocent travellers across the cultures.
func GenerateDecoys(n int, rng *rand.Rand) []Decoy {
	type tabs struct{ male, female, sur []string }
	ts := make([]tabs, len(cultures))
	for i, c := range cultures {
		ts[i] = tabs{strings.Fields(c.male), strings.Fields(c.female), strings.Fields(c.surnames)}
	}
	out := make([]Decoy, 0, n)
	for len(out) < n {
		ci := rng.Intn(len(cultures))
		c := cultures[ci]
		t := ts[ci]
		female := rng.Intn(3) == 0
		givens := t.male
		g := "M"
		if female {
			givens = t.female
			g = "F"
		}
		pat := c.patterns[rng.Intn(len(c.patterns))]
		var parts []string
		for _, p := range strings.Fields(pat) {
			switch p {
			case "G", "X":
				parts = append(parts, pick(givens, rng))
			case "F":
				parts = append(parts, pick(t.male, rng))
			case "S", "M":
				parts = append(parts, pick(t.sur, rng))
			case "P":
				// Russian patronymic from a male given name
				f := pick(t.male, rng)
				if female {
					parts = append(parts, patronymic(f)+"na")
				} else {
					parts = append(parts, patronymic(f)+"ich")
				}
			}
		}
		if c.name == "russian" || c.name == "chechen" {
			if female {
				last := len(parts) - 1
				if strings.HasSuffix(parts[last], "ov") || strings.HasSuffix(parts[last], "ev") || strings.HasSuffix(parts[last], "in") {
					parts[last] += "a"
				}
			}
		}
		out = append(out, Decoy{Culture: c.name, Name: strings.Join(parts, " "), Gender: g})
	}
	return out
}

func patronymic(f string) string {
	switch {
	case strings.HasSuffix(f, "i") || strings.HasSuffix(f, "y"):
		return f[:len(f)-1] + "ev"
	case strings.HasSuffix(f, "a"):
		return f[:len(f)-1] + "ov"
	}
	return f + "ov"
}

func pick(s []string, rng *rand.Rand) string { return s[rng.Intn(len(s))] }
