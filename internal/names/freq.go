package names

import (
	"math"
	"strings"
	"sync"
)

// Common traveller name parts by how common they are world-wide (very
// common, common, frequent). Canonical (family) forms are used where a
// family exists. Written for this package from general knowledge of name
// frequencies; they only need to be right to within a tier.
const commonTier1 = `
MOHAMMED AHMED ALI HASSAN HUSSEIN ABDULLAH OMAR IBRAHIM YUSUF MAHMOUD MUSTAFA KHALED SAID ABU ABDRAHMAN
FATIMA AISHA MARYAM AMINA KHAN SHAH SINGH KUMAR DEVI RAM LAL
JOSE JUAN MARIA LUIS CARLOS JESUS ANTONIO MANUEL FRANCISCO PEDRO JORGE MIGUEL ANA
GARCIA RODRIGUEZ MARTINEZ HERNANDEZ LOPEZ GONZALEZ PEREZ SANCHEZ RAMIREZ TORRES FLORES DIAZ GOMEZ SILVA SANTOS
WANG LI ZHANG LIU CHEN YANG HUANG ZHAO WU ZHOU XU SUN MA ZHU HU GUO HE LIN GAO LUO WEI
NGUYEN TRAN LE PHAM KIM LEE PARK CHOI
JOHN DAVID MICHAEL JAMES ROBERT WILLIAM MARY SMITH JOHNSON BROWN JONES
ALEKSANDR SERGEI ANDREI IVANOV SMIRNOV ELENA OLGA TATIANA NATALIA
MEHMET YILMAZ KAYA DEMIR
`
const commonTier2 = `
AHMAD ABDALLAH OSMAN HAMID RASHID NASSER JAMAL KARIM AZIZ SALEH SALAH ISMAIL SULEIMAN HAMZA YAHYA ZAKARIA ISSA MUSA
TARIQ BILAL FAISAL ADEL SAMIR WALID HISHAM NABIL YASSER YASSIN ANWAR MANSOUR QASIM MALIK AMIN MAHDI ABBAS ASAD
HAMAD SALIM KHALIL JAMIL KAMAL FAROUK IDRIS DAWOOD AYUB YAQUB SULTAN ANAS ZAIN ZAINAB KHADIJA HALIMA SAFIYA NOUR HUDA
ABDI FARAH WARSAME ABDIRAHMAN ADAN GUTALE JAMA NUR AWALE OMAR ISMAAIL DIRIE HIRSI ELMI OSMAN DUALE
MOHAMAD RAHMAN REZA HOSSEINI AHMADI MOHAMMADI HOSSEIN RAHIMI KARIMI JAFARI REZAEI MOUSAVI HASHEMI SADEGHI
IQBAL AKHTAR MALIK BUTT CHAUDHRY QURESHI SHEIKH RAZA IMRAN ASIF TARIQ WASEEM NADEEM ZAHID ARSHAD SHAHID ALAM
ABUBAKR BAKR GUL MIR AKBAR NOOR JAN SAYED SYED AGHA HAJI ULLAH
MAGOMED MAGOMEDOV RAMZAN RUSLAN ISLAM ALIEV ALIYEV KADYROV SHAMIL AKHMED ABDULAEV MURAD ZAUR TIMUR
VLADIMIR DMITRI ALEKSEI YURI NIKOLAI MIKHAIL VIKTOR IGOR OLEG PETROV SIDOROV KUZNETSOV POPOV VASILIEV
SOKOLOV MIKHAILOV NOVIKOV FEDOROV MOROZOV VOLKOV ALEKSEEV LEBEDEV SEMENOV EGOROV PAVLOV KOZLOV
OLEKSANDR IRINA SVETLANA YEVGENY ANNA
AHMET MUSTAFA ALI HUSEYIN HASAN IBRAHIM OSMAN YUSUF MURAT EMRE OZTURK SAHIN CELIK YILDIZ YILDIRIM AYDIN OZDEMIR ARSLAN DOGAN KILIC ASLAN CETIN KARA
FERNANDO RAFAEL DANIEL ALEJANDRO RICARDO ROBERTO EDUARDO JAVIER DIEGO SERGIO RAMON ALBERTO OSCAR RAUL ENRIQUE VICTOR
ALVAREZ ROMERO RUIZ MORENO MUNOZ JIMENEZ CASTRO VARGAS RAMOS REYES CRUZ ORTIZ MORALES GUTIERREZ CHAVEZ MENDOZA
ROJAS HERRERA MEDINA AGUILAR VASQUEZ CASTILLO JIMENEZ GUZMAN FERNANDEZ
XIAO ZHENG XIE HAN TANG FENG YU DONG XIAO CHENG CAO YUAN DENG XU FU SHEN ZENG PENG LU SU JIANG CAI JIA DING WEI
MING HONG JUN JIAN HUI YING LING XIN YAN JING LEI TAO BIN FANG PING QING HUA
MULLER SCHMIDT SCHNEIDER FISCHER WEBER MEYER WAGNER BECKER MARTIN BERNARD DUBOIS THOMAS ROBERT PETIT ROSSI
RUSSO FERRARI ESPOSITO BIANCHI ROMANO COLOMBO THOMAS PAUL PETER MARK ANDREW RICHARD JOSEPH
ADAMS WILSON TAYLOR DAVIES EVANS WILLIAMS MILLER DAVIS MOORE JACKSON WHITE HARRIS CLARK LEWIS WALKER HALL YOUNG ALLEN
`

var (
	builtinOnce sync.Once
	builtin     map[string]float64
)

func builtinFreq() map[string]float64 {
	builtinOnce.Do(func() {
		builtin = map[string]float64{}
		add := func(text string, c float64) {
			for _, w := range strings.Fields(text) {
				k := canonOf(w)
				if builtin[k] < c {
					builtin[k] = c
				}
			}
		}
		add(commonTier3, 60)
		add(commonTier2, 300)
		add(commonTier1, 3000)
		addDerived(builtin)
	})
	return builtin
}

// addDerived adds to m, for every common part, the forms derived from it
// that are as common: Slavic feminine surnames (IVANOVA from IVANOV) and
// patronymics (IVANOVICH, IVANOVNA, ANATOLYEVICH from IVAN, ANATOLY).
func addDerived(m map[string]float64) {
	put := func(k string, c float64) {
		if m[k] < c {
			m[k] = c
		}
	}
	base := make(map[string]float64, len(m))
	for k, v := range m {
		base[k] = v
	}
	for w, c := range base {
		if len(w) < 3 {
			continue
		}
		for _, suf := range []string{"OV", "EV", "IN", "YN"} {
			if strings.HasSuffix(w, suf) {
				put(w+"A", c)
			}
		}
		if strings.HasSuffix(w, "SKY") || strings.HasSuffix(w, "SKI") {
			put(w[:len(w)-1]+"AYA", c)
		}
		stems := []string{w}
		for _, end := range []string{"IY", "IJ", "I", "Y", "A", "O"} {
			if strings.HasSuffix(w, end) && len(w)-len(end) >= 3 {
				stems = append(stems, w[:len(w)-len(end)])
			}
		}
		for _, st := range stems {
			for _, p := range []string{"OVICH", "EVICH", "YEVICH", "IEVICH", "ICH", "OVNA", "EVNA", "YEVNA", "IEVNA", "ICHNA", "INICHNA"} {
				put(st+p, c)
			}
		}
	}
}

// known reports whether a canonical part is a known name: a spelling
// family or a part of the built-in frequency tables.
func known(canon string) bool {
	if _, ok := families[canon]; ok {
		return true
	}
	return builtinFreq()[canon] > 0
}

// Freq is a table of name-part frequencies used to weigh rare parts above
// common ones. The zero value is not usable; call NewFreq.
type Freq struct {
	counts map[string]float64
	// ListScale scales list counts (list frequencies overstate how common a
	// part is among travellers: one family may have many listed members).
	ListScale float64
}

// NewFreq returns a frequency table holding the built-in common traveller
// name parts.
func NewFreq() *Freq {
	f := &Freq{counts: map[string]float64{}, ListScale: 3}
	for k, v := range builtinFreq() {
		f.counts[k] = v
	}
	return f
}

// AddList counts the canonical parts of one listed entry (each part once).
func (f *Freq) AddList(canons []string) {
	seen := map[string]bool{}
	for _, c := range canons {
		if seen[c] {
			continue
		}
		seen[c] = true
		f.counts[c] += f.ListScale
	}
}

// Count returns the pseudo-count of a canonical part.
func (f *Freq) Count(canon string) float64 { return f.counts[canon] }

// Weight returns the weight of a canonical part in (0,1]: 1 for a part
// never seen, about 0.27 for the commonest names.
func (f *Freq) Weight(canon string) float64 {
	if len(canon) <= 1 {
		return 0.15
	}
	return weightOf(f.counts[canon])
}

func weightOf(c float64) float64 {
	return 1 / (1 + 0.34*math.Log1p(c/2))
}

// Weigher gives the weight of a canonical name part.
type Weigher interface {
	Weight(canon string) float64
}

var defaultFreq = NewFreq()

// DefaultWeigher weighs parts by the built-in traveller name frequencies.
func DefaultWeigher() Weigher { return defaultFreq }
