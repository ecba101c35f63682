"""Static vocabulary of the demo generator: places, forum editions, texts and crime shape.

Everything here is demo material, written to look like the Jukwaa la Usalama programme
without naming any real person:

- ``SUB_COUNTIES``: per county, its constituencies (used as sub-counties, with a centre
  point) and their wards (used as chiefs' locations and place names in texts). Names and
  centre points come from the ``kenya-data`` package 0.1.2 (MIT licence; it compiles the
  IEBC county/constituency/ward listing via the ``kenya-regions`` project). One centre
  (Bureti) was moved inside the bundled county boundary.
- ``TOWNS``: the main towns of each county with approximate coordinates and a weight;
  incidents cluster around these and the sub-county centres.
- forums: the edition name and venue of every county (``FORUM_VENUES``), the order in
  which the programme goes round the counties (``FORUM_ROTATION``, starting with the
  launch round of April 2025: Mombasa first, Nairobi last) and how many editions each
  calendar month holds (``FORUMS_PER_MONTH``); the generator turns these into a calendar
  that runs through the whole demo window.
- texts: concern summaries, commitment titles, status notes and evidence references per
  theme, with ``{place}``, ``{sub_county}``, ``{town}`` and ``{county}`` filled in.
- crime shape: which counties see more of which crime category, and the seeded surges.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple


class SubCounty(NamedTuple):
    name: str
    lat: float
    lon: float
    wards: tuple[str, ...]


class Town(NamedTuple):
    name: str
    lat: float
    lon: float
    weight: float


class ForumPlan(NamedTuple):
    """One forum edition of the programme calendar."""

    county_code: str
    edition: str
    venue: str
    held_on: dt.date


SUB_COUNTIES: dict[str, tuple[SubCounty, ...]] = {
    "001": (
        SubCounty("Changamwe", -4.0173, 39.5916, (
            "Port Reitz", "Kipevu", "Airport", "Changamwe", "Chaani")),
        SubCounty("Jomvu", -3.9903, 39.5954, ("Jomvu Kuu", "Miritini", "Mikindani")),
        SubCounty("Kisauni", -3.9820, 39.7041, (
            "Mjambere", "Junda", "Bamburi", "Mwakirunge", "Mtopanga", "Magogoni", "Shanzu")),
        SubCounty("Nyali", -4.0308, 39.7004, (
            "Frere Town", "Ziwa la Ng'ombe", "Mkomani", "Kongowea", "Kadzandani")),
        SubCounty("Likoni", -4.1007, 39.6449, (
            "Mtongwe", "Shika Adabu", "Bofu", "Likoni", "Timbwani")),
        SubCounty("Mvita", -4.0527, 39.6610, (
            "Mji wa Kale/Makadara", "Tudor", "Tononoka", "Shimanzi/Ganjoni", "Majengo")),
    ),
    "002": (
        SubCounty("Msambweni", -4.3731, 39.4869, ("Gombatobongwe", "Ukunda", "Kinondo", "Ramisi")),
        SubCounty("Lungalunga", -4.4343, 39.1089, ("Pongwekikoneni", "Dzombo", "Mwereni", "Vanga")),
        SubCounty("Matuga", -4.2387, 39.4138, (
            "Tsimba Golini", "Waa", "Tiwi", "Kubo South", "Mkongani")),
        SubCounty("Kinango", -3.9452, 39.2400, (
            "Nadavaya", "Puma", "Kinango", "Mackinnon-Road", "Chengoni/Samburu", "Mwavumbo",
            "Kasemeni")),
    ),
    "003": (
        SubCounty("Kilifi North", -3.4991, 39.8658, (
            "Tezo", "Sokoni", "Kibarani", "Dabaso", "Matsangoni", "Watamu", "Mnarani")),
        SubCounty("Kilifi South", -3.8128, 39.7495, (
            "Junju", "Mwarakaya", "Shimo la Tewa", "Chasimba", "Mtepeni")),
        SubCounty("Kaloleni", -3.7740, 39.5184, (
            "Mariakani", "Kayafungo", "Kaloleni", "Mwanamwinga")),
        SubCounty("Rabai", -3.8855, 39.6268, (
            "Mwawesa", "Ruruma", "Kambe/Ribe", "Rabai/Kisurutini")),
        SubCounty("Ganze", -3.4348, 39.4653, ("Ganze", "Bamba", "Jaribuni", "Sokoke")),
        SubCounty("Malindi", -3.2320, 39.9034, (
            "Jilore", "Kakuyuni", "Ganda", "Malindi Town", "Shella")),
        SubCounty("Magarini", -2.8293, 39.8075, (
            "Marafa", "Magarini", "Gongoni", "Adu", "Garashi", "Sabaki")),
    ),
    "004": (
        SubCounty("Garsen", -2.4264, 39.2114, (
            "Kipini East", "Garsen South", "Kipini West", "Garsen Central", "Garsen West",
            "Garsen North")),
        SubCounty("Galole", -1.5051, 39.5465, ("Kinakomba", "Mikinduni", "Chewani", "Wayu")),
        SubCounty("Bura", -0.6514, 39.3009, ("Chewele", "Bura", "Bangale", "Sala", "Madogo")),
    ),
    "005": (
        SubCounty("Lamu East", -1.8557, 41.0619, ("Faza", "Kiunga", "Basuba")),
        SubCounty("Lamu West", -2.1318, 40.5704, (
            "Shella", "Mkomani", "Hindi", "Mkunumbi", "Hongwe", "Witu", "Bahari")),
    ),
    "006": (
        SubCounty("Taveta", -3.4390, 37.8589, ("Chala", "Mahoo", "Bomeni", "Mboghoni", "Mata")),
        SubCounty("Wundanyi", -3.2992, 38.2694, (
            "Wundanyi/Mbale", "Werugha", "Wumingu/Kishushe", "Mwanda/Mgange")),
        SubCounty("Mwatate", -3.7342, 38.2915, (
            "Rong'e", "Mwatate", "Bura", "Chawia", "Wusi/Kishamba")),
        SubCounty("Voi", -3.3380, 38.7942, (
            "Mbololo", "Sagalla", "Kaloleni", "Marungu", "Kasigau", "Ngolia")),
    ),
    "007": (
        SubCounty("Garissa Township", -0.4258, 39.7587, ("Waberi", "Galbet", "Township", "Iftin")),
        SubCounty("Balambala", -0.0227, 39.3651, (
            "Balambala", "Danyere", "Jara Jara", "Saka", "Sankuri")),
        SubCounty("Lagdera", 0.5012, 39.2212, (
            "Modogashe", "Benane", "Goreale", "Maalimin", "Sabena", "Baraki")),
        SubCounty("Dadaab", 0.0631, 40.2608, (
            "Dertu", "Dadaab", "Labasigale", "Damajale", "Liboi", "Abakaile")),
        SubCounty("Fafi", -0.7819, 40.4350, ("Bura", "Dekaharia", "Jarajila", "Fafi", "Nanighi")),
        SubCounty("Ijara", -1.4333, 41.0561, ("Hulugho", "Sangailu", "Ijara", "Masalani")),
    ),
    "008": (
        SubCounty("Wajir North", 2.9893, 39.7535, (
            "Gurar", "Bute", "Korondile", "Malkagufu", "Batalu", "Danaba", "Godoma")),
        SubCounty("Wajir East", 2.0062, 40.7083, (
            "Wagberi", "Township", "Barwago", "Khorof/Harar")),
        SubCounty("Tarbaj", 2.3792, 40.2514, ("Elben", "Sarman", "Tarbaj", "Wargadud")),
        SubCounty("Wajir West", 1.6485, 39.6760, (
            "Arbajahan", "Hadado/Athibohol", "Ademasajide", "Wagalla/Ganyure")),
        SubCounty("Eldas", 2.1943, 39.1391, (
            "Eldas", "Della", "Lakoley South/Basir", "Elnur/Tula Tula")),
        SubCounty("Wajir South", 0.9643, 40.2399, (
            "Benane", "Burder", "Dadaja Bulla", "Habasswein", "Lagboghol South", "Ibrahim Ure",
            "Diif")),
    ),
    "009": (
        SubCounty("Mandera West", 3.4577, 40.0579, (
            "Takaba South", "Takaba", "Lag Sure", "Dandu", "Gither")),
        SubCounty("Banissa", 3.9856, 40.4133, (
            "Banissa", "Derkhale", "Guba", "Malkamari", "Kiliwehiri")),
        SubCounty("Mandera North", 3.6026, 40.6435, (
            "Ashabito", "Guticha", "Morothile", "Rhamu", "Rhamu-Dimtu")),
        SubCounty("Mandera South", 2.7214, 40.7467, (
            "Wargudud", "Kutulo", "Elwak South", "Elwak North", "Shimbir Fatuma")),
        SubCounty("Mandera East", 3.6840, 41.5013, (
            "Arabia", "Bulla Mpya", "Khalalio", "Neboi", "Township")),
        SubCounty("Lafey", 3.4864, 41.1706, (
            "Libehia", "Fino", "Lafey", "Warankara", "Alungo Gof")),
    ),
    "010": (
        SubCounty("Moyale", 2.9029, 38.8478, (
            "Butiye", "Sololo", "Heilu-Manyatta", "Golbo", "Moyale Township", "Uran", "Obbu")),
        SubCounty("North Horr", 3.1762, 37.5388, (
            "Illeret", "North Horr", "Dukana", "Maikona", "Turbi")),
        SubCounty("Saku", 2.3763, 37.9496, ("Sagante/Jaldesa", "Karare", "Marsabit Central")),
        SubCounty("Laisamis", 2.3040, 37.3029, (
            "Loiyangalani", "Kargi/South Horr", "Korr/Ngurunit", "Log Logo", "Laisamis")),
    ),
    "011": (
        SubCounty("Isiolo North", 1.4410, 38.7287, (
            "Wabera", "Bulla Pesa", "Chari", "Cherab", "Ngare Mara", "Burat", "Oldonyiro")),
        SubCounty("Isiolo South", 0.5624, 38.4527, ("Garbatulla", "Kinna", "Sericho")),
    ),
    "012": (
        SubCounty("Igembe South", 0.0993, 38.1451, (
            "Maua", "Kiegoi/Antubochiu", "Athiru Gaiti", "Akachiu", "Kanuni")),
        SubCounty("Igembe Central", 0.3247, 37.8689, (
            "Akirang'ondu", "Athiru Ruujine", "Igembe East", "Njia", "Kangeta")),
        SubCounty("Igembe North", 0.4890, 37.9776, (
            "Antuambui", "Ntunene", "Antubetwe Kiongo", "Naathu", "Amwathi")),
        SubCounty("Tigania West", 0.1713, 37.7436, (
            "Athwana", "Akithii", "Kianjai", "Nkomo", "Mbeu")),
        SubCounty("Tigania East", 0.2699, 37.7832, (
            "Thangatha", "Mikinduri", "Kiguchwa", "Muthara", "Karama")),
        SubCounty("North Imenti", 0.0443, 37.6924, (
            "Municipality", "Ntima East", "Ntima West", "Nyaki West", "Nyaki East")),
        SubCounty("Buuri", 0.0897, 37.3604, (
            "Timau", "Kisima", "Kiirua/Naari", "Ruiri/Rwarera", "Kibirichia")),
        SubCounty("Central Imenti", 0.0420, 37.5166, (
            "Mwanganthia", "Abothuguchi Central", "Abothuguchi West", "Kiagu")),
        SubCounty("South Imenti", -0.1171, 37.6161, (
            "Mitunguu", "Igoji East", "Igoji West", "Abogeta East", "Abogeta West", "Nkuene")),
    ),
    "013": (
        SubCounty("Maara", -0.3007, 37.5449, (
            "Mitheru", "Muthambi", "Mwimbi", "Ganga", "Chogoria")),
        SubCounty("Chuka/Igambang'ombe", -0.2344, 37.6500, (
            "Mariani", "Karingani", "Magumoni", "Mugwe", "Igambang'ombe")),
        SubCounty("Tharaka", -0.1797, 37.9964, (
            "Gatunga", "Mukothima", "Nkondi", "Chiakariga", "Marimanti")),
    ),
    "014": (
        SubCounty("Manyatta", -0.3715, 37.4482, (
            "Ruguru/Ngandori", "Kithimu", "Nginda", "Mbeti North", "Kirimari", "Gaturi South")),
        SubCounty("Runyenjes", -0.3359, 37.4948, (
            "Gaturi North", "Kagaari South", "Central Ward", "Kagaari North", "Kyeni North",
            "Kyeni South")),
        SubCounty("Mbeere South", -0.7273, 37.7049, (
            "Mwea", "Makima", "Mbeti South", "Mavuria", "Kiambere")),
        SubCounty("Mbeere North", -0.5036, 37.7906, ("Nthawa", "Muminji", "Evurore")),
    ),
    "015": (
        SubCounty("Mwingi North", -0.4066, 38.2918, (
            "Ngomeni", "Kyuso", "Mumoni", "Tseikuru", "Tharaka")),
        SubCounty("Mwingi West", -0.9541, 37.9798, (
            "Kyome/Thaana", "Nguutani", "Migwani", "Kiomo/Kyethani")),
        SubCounty("Mwingi Central", -0.9263, 38.4686, (
            "Central", "Kivou", "Nguni", "Nuu", "Mui", "Waita")),
        SubCounty("Kitui West", -1.2404, 37.9017, (
            "Mutonguni", "Kauwi", "Matinyani", "Kwa Mutonga/Kithumula")),
        SubCounty("Kitui Rural", -1.4881, 37.8230, (
            "Kisasi", "Mbitini", "Kwavonza/Yatta", "Kanyangi")),
        SubCounty("Kitui Central", -1.3867, 37.9374, (
            "Miambani", "Township", "Kyangwithya West", "Mulango", "Kyangwithya East")),
        SubCounty("Kitui East", -1.4100, 38.5083, (
            "Zombe/Mwitika", "Chuluni", "Nzambani", "Voo/Kyamatu", "Endau/Malalani",
            "Mutito/Kaliku")),
        SubCounty("Kitui South", -2.2535, 38.4581, (
            "Ikanga/Kyatune", "Mutomo", "Mutha", "Ikutha", "Kanziko", "Athi")),
    ),
    "016": (
        SubCounty("Masinga", -0.9500, 37.6036, (
            "Kivaa", "Masinga Central", "Ekalakala", "Muthesya", "Ndithini")),
        SubCounty("Yatta", -1.2419, 37.5848, (
            "Ndalani", "Matuu", "Kithimani", "Ikombe", "Katangi")),
        SubCounty("Kangundo", -1.3431, 37.3579, (
            "Kangundo North", "Kangundo Central", "Kangundo East", "Kangundo West")),
        SubCounty("Matungulu", -1.2064, 37.2531, (
            "Tala", "Matungulu North", "Matungulu East", "Matungulu West", "Kyeleni")),
        SubCounty("Kathiani", -1.4208, 37.3089, (
            "Mitaboni", "Kathiani Central", "Upper Kaewa/Iveti", "Lower Kaewa/Kaani")),
        SubCounty("Mavoko", -1.4466, 37.0399, (
            "Athi River", "Kinanie", "Muthwani", "Syokimau/Mulolongo")),
        SubCounty("Machakos Town", -1.5686, 37.2551, (
            "Kalama", "Mua", "Mutituni", "Machakos Central", "Mumbuni North", "Muvuti/Kiima-Kimwe",
            "Kola")),
        SubCounty("Mwala", -1.4012, 37.5221, (
            "Mbiuni", "Makutano/ Mwala", "Masii", "Muthetheni", "Wamunyu", "Kibauni")),
    ),
    "017": (
        SubCounty("Mbooni", -1.6503, 37.5987, (
            "Tulimani", "Mbooni", "Kithungo/Kitundu", "Kisau/Kiteta", "Waia/Kako", "Kalawa")),
        SubCounty("Kilome", -1.8325, 37.2652, ("Kasikeu", "Mukaa", "Kiima Kiu/Kalanzoni")),
        SubCounty("Kaiti", -1.7880, 37.4373, ("Ukia", "Kee", "Kilungu", "Ilima")),
        SubCounty("Makueni", -1.9548, 37.6656, (
            "Wote", "Muvau/Kikuumini", "Mavindini", "Kitise/Kithuki", "Kathonzweni",
            "Nzaui/Kilili/Kalamba", "Mbitini")),
        SubCounty("Kibwezi West", -2.3105, 37.8604, (
            "Makindu", "Nguumo", "Kikumbulyu North", "Kikumbulyu South", "Nguu/Masumba",
            "Emali/Mulala")),
        SubCounty("Kibwezi East", -2.6563, 38.1253, (
            "Masongaleni", "Mtito Andei", "Thange", "Ivingoni/Nzambani")),
    ),
    "018": (
        SubCounty("Kinangop", -0.7312, 36.6238, (
            "Engineer", "Gathara", "North Kinangop", "Murungaru", "Njabini/Kiburu", "Nyakio",
            "Githabai", "Magumu")),
        SubCounty("Kipipiri", -0.4228, 36.5280, ("Wanjohi", "Kipipiri", "Geta", "Githioro")),
        SubCounty("Ol Kalou", -0.3085, 36.3573, (
            "Karau", "Kanjuiri Ridge", "Mirangine", "Kaimbaga", "Rurii")),
        SubCounty("Ol Jorok", -0.1784, 36.2587, ("Gathanji", "Gatimu", "Weru", "Charagita")),
        SubCounty("Ndaragwa", -0.0802, 36.4902, ("Leshau Pondo", "Kiriita", "Central", "Shamata")),
    ),
    "019": (
        SubCounty("Tetu", -0.4531, 36.8221, ("Dedan Kimanthi", "Wamagana", "Aguthi/Gaaki")),
        SubCounty("Kieni", -0.2211, 37.1300, (
            "Mweiga", "Naromoru Kiamathaga", "Mwiyogo/Endarasha", "Mugunda", "Gatarakwa",
            "Thegu River", "Kabaru", "Gakawa")),
        SubCounty("Mathira", -0.3562, 37.1512, (
            "Ruguru", "Magutu", "Iriaini", "Konyu", "Kirimukuyu", "Karatina Town")),
        SubCounty("Othaya", -0.5533, 36.8306, ("Mahiga", "Iria-Ini", "Chinga", "Karima")),
        SubCounty("Mukurweini", -0.5782, 37.0722, (
            "Gikondi", "Rugi", "Mukurwe-Ini West", "Mukurwe-Ini Central")),
        SubCounty("Nyeri Town", -0.4169, 36.9697, (
            "Kiganjo/Mathari", "Rware", "Gatitu/Muruguru", "Ruring'u", "Kamakwa/Mukaro")),
    ),
    "020": (
        SubCounty("Mwea", -0.6546, 37.3837, (
            "Mutithi", "Kangai", "Thiba", "Wamumu", "Nyangati", "Murinduko", "Gathigiriri",
            "Tebere")),
        SubCounty("Gichugu", -0.3746, 37.3418, (
            "Kabare", "Baragwi", "Njukiini", "Ngariama", "Karumandi")),
        SubCounty("Ndia", -0.4676, 37.1990, ("Mukure", "Kiine", "Kariti")),
        SubCounty("Kirinyaga Central", -0.2811, 37.2770, (
            "Mutira", "Kanyeki-Ini", "Kerugoya", "Inoi")),
    ),
    "021": (
        SubCounty("Kangema", -0.6873, 36.9209, ("Kanyenyaini", "Muguru", "Rwathia")),
        SubCounty("Mathioya", -0.6360, 36.9964, ("Gitugi", "Kiru", "Kamacharia")),
        SubCounty("Kiharu", -0.7100, 37.1025, (
            "Wangu", "Mugoiri", "Mbiri", "Township", "Murarandia", "Gaturi")),
        SubCounty("Kigumo", -0.7744, 36.8989, (
            "Kahumbu", "Muthithi", "Kigumo", "Kangari", "Kinyona")),
        SubCounty("Maragwa", -0.8782, 37.2157, (
            "Kimorori/Wempa", "Makuyu", "Kambiti", "Kamahuha", "Ichagaki", "Nginda")),
        SubCounty("Kandara", -0.8812, 37.0262, (
            "Ng'araria", "Muruka", "Kagundu-Ini", "Gaichanjiru", "Ithiru", "Ruchu")),
        SubCounty("Gatanga", -0.8873, 36.9093, (
            "Ithanga", "Kakuzi/Mitubiri", "Mugumo-Ini", "Kihumbu-Ini", "Gatanga", "Kariara")),
    ),
    "022": (
        SubCounty("Gatundu South", -0.9539, 36.7934, ("Kiamwangi", "Kiganjo", "Ndarugu", "Ngenda")),
        SubCounty("Gatundu North", -0.9162, 36.8496, (
            "Gituamba", "Githobokoni", "Chania", "Mang'u")),
        SubCounty("Juja", -1.1027, 36.9878, ("Murera", "Theta", "Juja", "Witeithie", "Kalimoni")),
        SubCounty("Thika Town", -1.0556, 37.1770, (
            "Township", "Kamenu", "Hospital", "Gatuanyaga", "Ngoliba")),
        SubCounty("Ruiru", -1.1943, 37.0198, (
            "Gitothua", "Biashara", "Gatongora", "Kahawa Sukari", "Kahawa Wendani", "Kiuu", "Mwiki",
            "Mwihoko")),
        SubCounty("Githunguri", -1.0497, 36.7833, (
            "Githunguri", "Githiga", "Ikinu", "Ngewa", "Komothai")),
        SubCounty("Kiambu", -1.1578, 36.8468, ("Ting'ang'a", "Ndumberi", "Riabai", "Township")),
        SubCounty("Kiambaa", -1.1647, 36.7606, (
            "Cianda", "Karuri", "Ndenderu", "Muchatha", "Kihara")),
        SubCounty("Kabete", -1.2098, 36.7003, ("Gitaru", "Muguga", "Nyadhuna", "Kabete", "Uthiru")),
        SubCounty("Kikuyu", -1.2332, 36.6023, ("Karai", "Nachu", "Sigona", "Kikuyu", "Kinoo")),
        SubCounty("Limuru", -1.1458, 36.6403, (
            "Bibirioni", "Limuru Central", "Ndeiya", "Limuru East", "Ngecha Tigoni")),
        SubCounty("Lari", -0.9149, 36.6488, (
            "Kinale", "Kijabe", "Nyanduma", "Kamburu", "Lari/Kirenga")),
    ),
    "023": (
        SubCounty("Turkana North", 4.3760, 35.5531, (
            "Kaeris", "Lake Zone", "Lapur", "Kaaleng/Kaikor", "Kibish", "Nakalale")),
        SubCounty("Turkana West", 4.0518, 34.5960, (
            "Kakuma", "Lopur", "Letea", "Songot", "Kalobeyei", "Lokichoggio", "Nanaam")),
        SubCounty("Turkana Central", 3.1317, 35.8509, (
            "Kerio Delta", "Kang'atotha", "Kalokol", "Lodwar Township", "Kanamkemer")),
        SubCounty("Loima", 3.0093, 35.1116, (
            "Kotaruk/Lobei", "Turkwel", "Loima", "Lokiriama/Lorengippi")),
        SubCounty("Turkana South", 2.3779, 35.7003, (
            "Kaputir", "Katilu", "Lobokat", "Kalapata", "Lokichar")),
        SubCounty("Turkana East", 1.8720, 36.1424, (
            "Kapedo/Napeitom", "Katilia", "Lokori/Kochodin")),
    ),
    "024": (
        SubCounty("Kapenguria", 1.5497, 35.2120, (
            "Riwo", "Kapenguria", "Mnagei", "Siyoi", "Endugh", "Sook")),
        SubCounty("Sigor", 1.5760, 35.5848, ("Sekerr", "Masool", "Lomut", "Weiwei")),
        SubCounty("Kacheliba", 1.9740, 35.1898, (
            "Suam", "Kodich", "Kapckok", "Kasei", "Kiwawa", "Alale")),
        SubCounty("Pokot South", 1.3388, 35.2905, ("Chepareria", "Batei", "Lelan", "Tapach")),
    ),
    "025": (
        SubCounty("Samburu West", 1.0906, 36.6047, (
            "Lodokejek", "Suguta Marmar", "Maralal", "Loosuk", "Poro")),
        SubCounty("Samburu North", 1.7048, 36.9311, (
            "El-Barta", "Nachola", "Ndoto", "Nyiro", "Angata Nanyokie", "Baawa")),
        SubCounty("Samburu East", 1.1092, 37.5350, (
            "Waso", "Wamba West", "Wamba East", "Wamba North")),
    ),
    "026": (
        SubCounty("Kwanza", 1.1400, 34.9829, ("Kapomboi", "Kwanza", "Keiyo", "Bidii")),
        SubCounty("Endebess", 1.1451, 34.7223, ("Chepchoina", "Endebess", "Matumbei")),
        SubCounty("Saboti", 0.9491, 34.8176, ("Kinyoro", "Matisi", "Tuwani", "Saboti", "Machewa")),
        SubCounty("Kiminini", 0.9343, 34.9930, (
            "Kiminini", "Waitaluk", "Sirende", "Hospital", "Sikhendu", "Nabiswa")),
        SubCounty("Cherangany", 1.0464, 35.1781, (
            "Sinyerere", "Makutano", "Kaplamai", "Motosiet", "Cherangany/Suwerwa",
            "Chepsiro/Kiptoror", "Sitatunga")),
    ),
    "027": (
        SubCounty("Soy", 0.7362, 35.2279, (
            "Moi's Bridge", "Kapkures", "Ziwa", "Segero/Barsombe", "Kipsomba", "Soy",
            "Kuinet/Kapsuswa")),
        SubCounty("Turbo", 0.6007, 35.0985, (
            "Ngenyilel", "Tapsagoi", "Kamagut", "Kiplombe", "Kapsaos", "Huruma")),
        SubCounty("Moiben", 0.7242, 35.3979, (
            "Tembelio", "Sergoit", "Karuna/Meibeki", "Moiben", "Kimumu")),
        SubCounty("Ainabkoi", 0.3129, 35.4559, ("Kapsoya", "Kaptagat", "Ainabkoi/Olare")),
        SubCounty("Kapseret", 0.4212, 35.2465, (
            "Simat/Kapseret", "Kipkenyo", "Ngeria", "Megun", "Langas")),
        SubCounty("Kesses", 0.2587, 35.3437, (
            "Racecourse", "Cheptiret/Kipchamo", "Tulwet/Chuiyat", "Tarakwa")),
    ),
    "028": (
        SubCounty("Marakwet East", 1.1345, 35.5893, (
            "Kapyego", "Sambirir", "Endo", "Embobut / Embulot")),
        SubCounty("Marakwet West", 1.0234, 35.4148, (
            "Lelan", "Sengwer", "Cherang'any/Chebororwa", "Moiben/Kuserwo", "Kapsowar", "Arror")),
        SubCounty("Keiyo North", 0.6966, 35.5226, ("Emsoo", "Kamariny", "Kapchemutwa", "Tambach")),
        SubCounty("Keiyo South", 0.3794, 35.5718, (
            "Kaptarakwa", "Chepkorio", "Soy North", "Soy South", "Kabiemit", "Metkei")),
    ),
    "029": (
        SubCounty("Tinderet", -0.0082, 35.2605, (
            "Songhor/Soba", "Tindiret", "Chemelil/Chemase", "Kapsimotwo")),
        SubCounty("Aldai", 0.0602, 34.9753, (
            "Kabwareng", "Terik", "Kemeloi-Maraba", "Kobujoi", "Kaptumo-Kaboi", "Koyo-Ndurio")),
        SubCounty("Nandi Hills", 0.1221, 35.2451, (
            "Nandi Hills", "Chepkunyuk", "Ol'lessos", "Kapchorua")),
        SubCounty("Chesumei", 0.2772, 35.0845, (
            "Chemundu/Kapng'etuny", "Kosirai", "Lelmokwo/Ngechek", "Kaptel/Kamoiywo", "Kiptuya")),
        SubCounty("Emgwen", 0.1893, 35.1266, ("Chepkumia", "Kapkangani", "Kapsabet", "Kilibwoni")),
        SubCounty("Mosop", 0.4178, 35.0670, (
            "Chepterwai", "Kipkaren", "Kurgung/Surungai", "Kabiyet", "Ndalat", "Kabisaga",
            "Sangalo/Kebulonik")),
    ),
    "030": (
        SubCounty("Tiaty", 1.1439, 35.9505, (
            "Tirioko", "Kolowa", "Ribkwo", "Silale", "Loiyamorock", "Tangulbei/Korossi",
            "Churo/Amaya")),
        SubCounty("Baringo North", 0.7699, 35.8085, (
            "Barwessa", "Kabartonjo", "Saimo/Kipsaraman", "Saimo/Soi", "Bartabwa")),
        SubCounty("Baringo Central", 0.4087, 35.7581, (
            "Kabarnet", "Sacho", "Tenges", "Ewalel Chapchap", "Kapropita")),
        SubCounty("Baringo South", 0.4585, 36.0519, (
            "Marigat", "Ilchamus", "Mochongoi", "Mukutani")),
        SubCounty("Mogotio", 0.1656, 35.9464, ("Mogotio", "Emining", "Kisanana")),
        SubCounty("Eldama Ravine", -0.0062, 35.7222, (
            "Lembus", "Lembus Kwen", "Ravine", "Mumberes/Maji Mazuri", "Lembus/Perkerra",
            "Koibatek")),
    ),
    "031": (
        SubCounty("Laikipia West", -0.0751, 36.7691, (
            "Olmoran", "Rumuruti Township", "Kinamba", "Marmanet", "Igwamiti", "Salama")),
        SubCounty("Laikipia East", 0.3503, 36.5051, (
            "Ngobit", "Tigithi", "Thingithu", "Nanyuki", "Umande")),
        SubCounty("Laikipia North", 0.4285, 37.0892, (
            "Sosian", "Segera", "Mukogondo West", "Mukogondo East")),
    ),
    "032": (
        SubCounty("Molo", -0.3631, 35.7846, ("Mariashoni", "Elburgon", "Turi", "Molo")),
        SubCounty("Njoro", -0.4956, 35.9580, (
            "Maunarok", "Mauche", "Kihingo", "Nessuit", "Lare", "Njoro")),
        SubCounty("Naivasha", -0.8811, 36.3637, (
            "Biashara", "Hells Gate", "Lakeview", "Maai-Mahiu", "Maiella", "Olkaria",
            "Naivasha East", "Viwandani")),
        SubCounty("Gilgil", -0.5273, 36.2365, (
            "Gilgil", "Elementaita", "Mbaruk/Eburu", "Malewa West", "Murindati")),
        SubCounty("Kuresoi South", -0.5440, 35.6435, ("Amalo", "Keringet", "Kiptagich", "Tinet")),
        SubCounty("Kuresoi North", -0.2504, 35.6940, ("Kiptororo", "Nyota", "Sirikwa", "Kamara")),
        SubCounty("Subukia", 0.0250, 36.2220, ("Subukia", "Waseges", "Kabazi")),
        SubCounty("Rongai", -0.0600, 36.0280, ("Menengai West", "Soin", "Visoi", "Mosop", "Solai")),
        SubCounty("Bahati", -0.2250, 36.1449, (
            "Dundori", "Kabatini", "Kiamaina", "Lanet/Umoja", "Bahati")),
        SubCounty("Nakuru Town West", -0.3693, 36.0610, (
            "Barut", "London", "Kaptembwo", "Kapkures", "Rhoda", "Shaabab")),
        SubCounty("Nakuru Town East", -0.3752, 36.1237, (
            "Biashara", "Kivumbini", "Flamingo", "Menengai", "Nakuru East")),
    ),
    "033": (
        SubCounty("Kilgoris", -1.2223, 34.8631, (
            "Kilgoris Central", "Keyian", "Angata Barikoi", "Shankoe", "Kimintet", "Lolgorian")),
        SubCounty("Emurua Dikirr", -1.0046, 35.1122, (
            "Ilkerin", "Ololmasani", "Mogondo", "Kapsasian")),
        SubCounty("Narok North", -0.8415, 35.9516, (
            "Olpusimoru", "Olokurto", "Narok Town", "Nkareta", "Olorropil", "Melili")),
        SubCounty("Narok East", -1.1558, 36.1396, ("Mosiro", "Ildamat", "Keekonyokie", "Suswa")),
        SubCounty("Narok South", -1.3590, 35.7697, (
            "Majimoto/Naroosura", "Ololulung'a", "Melelo", "Loita", "Sogoo", "Sagamian")),
        SubCounty("Narok West", -1.3226, 35.3211, ("Ilmotiok", "Mara", "Siana", "Naikarra")),
    ),
    "034": (
        SubCounty("Kajiado North", -1.3698, 36.6770, (
            "Olkeri", "Ongata Rongai", "Nkaimurunya", "Oloolua", "Ngong")),
        SubCounty("Kajiado Central", -2.1756, 36.8185, (
            "Purko", "Ildamat", "Dalalekutuk", "Matapato North", "Matapato South")),
        SubCounty("Kajiado East", -1.6960, 36.4461, (
            "Kaputiei North", "Kitengela", "Oloosirkon/Sholinke", "Kenyawa-Poka", "Imaroro")),
        SubCounty("Kajiado West", -1.8923, 37.0864, (
            "Keekonyokie", "Iloodokilani", "Magadi", "Ewuaso Oonkidong'i", "Mosiro")),
        SubCounty("Kajiado South", -2.6875, 37.4678, (
            "Entonet/Lenkisim", "Mbirikani/Eselenkei", "Kuku", "Rombo", "Kimana")),
    ),
    "035": (
        SubCounty("Kipkelion East", -0.1745, 35.5926, (
            "Londiani", "Kedowa/Kimugul", "Chepseon", "Tendeno/Sorget")),
        SubCounty("Kipkelion West", -0.1592, 35.4024, (
            "Kunyak", "Kamasian", "Kipkelion", "Chilchila")),
        SubCounty("Ainamoi", -0.3125, 35.2599, (
            "Kapsoit", "Ainamoi", "Kapkugerwet", "Kipchebor", "Kipchimchim", "Kapsaos")),
        SubCounty("Bureti", -0.4200, 35.2200, (
            "Kisiara", "Tebesonik", "Cheboin", "Chemosot", "Litein", "Cheplanget", "Kapkatet")),
        SubCounty("Belgut", -0.3990, 35.3698, (
            "Waldai", "Kabianga", "Cheptororiet/Seretut", "Chaik", "Kapsuser")),
        SubCounty("Sigowet/Soin", -0.3256, 35.0942, ("Sigowet", "Kaplelartet", "Soliat", "Soin")),
    ),
    "036": (
        SubCounty("Sotik", -0.7653, 35.1445, (
            "Ndanai/Abosi", "Chemagel", "Kipsonoi", "Kapletundo", "Rongena/Manaret")),
        SubCounty("Chepalungu", -0.8952, 35.2423, (
            "Kong'asis", "Nyangores", "Sigor", "Chebunyo", "Siongiroi")),
        SubCounty("Bomet East", -0.8475, 35.4199, (
            "Merigi", "Kembu", "Longisa", "Kipreres", "Chemaner")),
        SubCounty("Bomet Central", -0.7310, 35.3145, (
            "Silibwet Township", "Ndaraweta", "Singorwet", "Chesoen", "Mutarakwa")),
        SubCounty("Konoin", -0.5378, 35.3782, (
            "Chepchabas", "Kimulot", "Mogogosiek", "Boito", "Embomos")),
    ),
    "037": (
        SubCounty("Lugari", 0.6209, 34.8996, (
            "Mautuma", "Lugari", "Lumakanda", "Chekalini", "Chevaywa", "Lwandeti")),
        SubCounty("Likuyani", 0.7665, 35.1050, ("Likuyani", "Sango", "Kongoni", "Nzoia", "Sinoko")),
        SubCounty("Malava", 0.4696, 34.8373, (
            "West Kabras", "Chemuche", "East Kabras", "Butali/Chegulo", "Manda-Shivanga",
            "Shirugu-Mugai", "South Kabras")),
        SubCounty("Lurambi", 0.2730, 34.6945, (
            "Butsotso East", "Butsotso South", "Butsotso Central", "Sheywe", "Mahiakalo",
            "Shirere")),
        SubCounty("Navakholo", 0.3897, 34.6576, (
            "Ingostse-Mathia", "Shinoyi-Shikomari-Esumeyia", "Bunyala West", "Bunyala East",
            "Bunyala Central")),
        SubCounty("Mumias West", 0.2781, 34.4260, (
            "Mumias Central", "Mumias North", "Etenje", "Musanda")),
        SubCounty("Mumias East", 0.3359, 34.5823, (
            "Lubinu/Lusheya", "Isongo/Makunga/Malaha", "East Wanga")),
        SubCounty("Matungu", 0.3839, 34.4671, (
            "Koyonzo", "Kholera", "Khalaba", "Mayoni", "Namamali")),
        SubCounty("Butere", 0.2274, 34.5503, (
            "Marama West", "Marama Central", "Marenyo - Shianda", "Marama North", "Marama South")),
        SubCounty("Khwisero", 0.1464, 34.5816, (
            "Kisa North", "Kisa East", "Kisa West", "Kisa Central")),
        SubCounty("Shinyalu", 0.2886, 34.8730, (
            "Isukha North", "Murhanda", "Isukha Central", "Isukha South", "Isukha East",
            "Isukha West")),
        SubCounty("Ikolomani", 0.1941, 34.6989, (
            "Idakho South", "Idakho East", "Idakho North", "Idakho Central")),
    ),
    "038": (
        SubCounty("Vihiga", 0.0316, 34.6903, (
            "Lugaga-Wamuluma", "South Maragoli", "Central Maragoli", "Mungoma")),
        SubCounty("Sabatia", 0.1150, 34.7489, (
            "Lyaduywa/Izava", "West Sabatia", "Chavakali", "North Maragoli", "Wodanga", "Busali")),
        SubCounty("Hamisi", 0.0927, 34.8338, (
            "Shiru", "Muhudu", "Shamakhokho", "Gisambai", "Banja", "Tambua", "Jepkoyai")),
        SubCounty("Luanda", 0.0203, 34.5972, (
            "Luanda Township", "Wemilabi", "Mwibona", "Luanda South", "Emabungo")),
        SubCounty("Emuhaya", 0.0797, 34.6134, (
            "North East Bunyore", "Central Bunyore", "West Bunyore")),
    ),
    "039": (
        SubCounty("Mt.Elgon", 0.9594, 34.6037, (
            "Cheptais", "Chesikaki", "Chepyuk", "Kapkateny", "Kaptama", "Elgon")),
        SubCounty("Sirisia", 0.7370, 34.4951, ("Namwela", "Malakisi/South Kulisiru", "Lwandanyi")),
        SubCounty("Kabuchai", 0.6964, 34.5910, (
            "Kabuchai/Chwele", "West Nalondo", "Bwake/Luuya", "Mukuyuni")),
        SubCounty("Bumula", 0.5679, 34.4496, (
            "South Bukusu", "Bumula", "Khasoko", "Kabula", "Kimaeti", "West Bukusu", "Siboti")),
        SubCounty("Kanduyi", 0.5620, 34.6090, (
            "Bukembe West", "Bukembe East", "Township", "Khalaba", "Musikoma", "East Sang'alo",
            "Marakaru/Tuuti", "Sang'alo West")),
        SubCounty("Webuye East", 0.6529, 34.7972, ("Mihuu", "Ndivisi", "Maraka")),
        SubCounty("Webuye West", 0.5975, 34.7167, ("Misikhu", "Sitikho", "Matulo", "Bokoli")),
        SubCounty("Kimilili", 0.7877, 34.7276, ("Kimilili", "Kibingei", "Maeni", "Kamukuywa")),
        SubCounty("Tongaren", 0.7776, 34.9348, (
            "Mbakalo", "Naitiri/Kabuyefwe", "Milima", "Ndalu/ Tabani", "Tongaren",
            "Soysambu/ Mitua")),
    ),
    "040": (
        SubCounty("Teso North", 0.6806, 34.3438, (
            "Malaba Central", "Malaba North", "Ang'urai South", "Ang'urai North", "Ang'urai East",
            "Malaba South")),
        SubCounty("Teso South", 0.5385, 34.2340, (
            "Ang'orom", "Chakol South", "Chakol North", "Amukura West", "Amukura East",
            "Amukura Central")),
        SubCounty("Nambale", 0.5046, 34.3571, (
            "Nambale Township", "Bukhayo North/Waltsi", "Bukhayo East", "Bukhayo Central")),
        SubCounty("Matayos", 0.3896, 34.1807, (
            "Bukhayo West", "Mayenje", "Matayos South", "Busibwabo", "Burumba")),
        SubCounty("Butula", 0.3442, 34.2927, (
            "Marachi West", "Kingandole", "Marachi Central", "Marachi East", "Marachi North",
            "Elugulu")),
        SubCounty("Funyula", 0.2444, 34.0652, (
            "Namboboto Nambuku", "Nangina", "Ageng'a Nanguba", "Bwiri")),
        SubCounty("Budalangi", 0.0807, 33.9911, (
            "Bunyala Central", "Bunyala North", "Bunyala West", "Bunyala South")),
    ),
    "041": (
        SubCounty("Ugenya", 0.2173, 34.2046, (
            "West Ugenya", "Ukwala", "North Ugenya", "East Ugenya")),
        SubCounty("Ugunja", 0.2071, 34.3403, ("Sidindi", "Sigomere", "Ugunja")),
        SubCounty("Alego Usonga", 0.0608, 34.2161, (
            "Usonga", "West Alego", "Central Alego", "Siaya Township", "North Alego",
            "South East Alego")),
        SubCounty("Gem", 0.0402, 34.4639, (
            "North Gem", "West Gem", "Central Gem", "Yala Township", "East Gem", "South Gem")),
        SubCounty("Bondo", -0.1480, 34.1370, (
            "West Yimbo", "Central Sakwa", "South Sakwa", "Yimbo East", "West Sakwa",
            "North Sakwa")),
        SubCounty("Rarieda", -0.2460, 34.3546, (
            "East Asembo", "West Asembo", "North Uyoma", "South Uyoma", "West Uyoma")),
    ),
    "042": (
        SubCounty("Kisumu East", -0.0819, 34.8226, (
            "Kajulu", "Kolwa East", "Manyatta 'b'", "Nyalenda 'a'", "Kolwa Central")),
        SubCounty("Kisumu West", -0.0887, 34.6667, (
            "South West Kisumu", "Central Kisumu", "Kisumu North", "West Kisumu",
            "North West Kisumu")),
        SubCounty("Kisumu Central", -0.1179, 34.7396, (
            "Railways", "Migosi", "Shaurimoyo Kaloleni", "Market Milimani", "Kondele",
            "Nyalenda B")),
        SubCounty("Seme", -0.1573, 34.5060, (
            "West Seme", "Central Seme", "East Seme", "North Seme")),
        SubCounty("Nyando", -0.2067, 34.8560, (
            "East Kano/Wawidhi", "Awasi/Onjiko", "Ahero", "Kabonyo/Kanyagwal", "Kobura")),
        SubCounty("Muhoroni", -0.1264, 35.0810, (
            "Miwani", "Ombeyi", "Masogo/Nyang'oma", "Chemelil", "Muhoroni/Koru")),
        SubCounty("Nyakach", -0.3189, 34.9034, (
            "South West Nyakach", "North Nyakach", "Central Nyakach", "West Nyakach",
            "South East Nyakach")),
    ),
    "043": (
        SubCounty("Kasipul", -0.5029, 34.7108, (
            "West Kasipul", "South Kasipul", "Central Kasipul", "East Kamagak", "West Kamagak")),
        SubCounty("Kabondo Kasipul", -0.4465, 34.8707, (
            "Kabondo East", "Kabondo West", "Kokwanyo/Kakelo", "Kojwach")),
        SubCounty("Karachuonyo", -0.3709, 34.6031, (
            "West Karachuonyo", "North Karachuonyo", "Central", "Kanyaluo", "Kibiri", "Wangchieng",
            "Kendu Bay Town")),
        SubCounty("Rangwe", -0.5132, 34.5697, ("West Gem", "East Gem", "Kagan", "Kochia")),
        SubCounty("Homa Bay Town", -0.5206, 34.4685, (
            "Homa Bay Central", "Homa Bay Arujo", "Homa Bay West", "Homa Bay East")),
        SubCounty("Ndhiwa", -0.7125, 34.3842, (
            "Kwabwai", "Kanyadoto", "Kanyikela", "North Kabuoch", "Kabuoch South/Pala",
            "Kanyamwa Kologi", "Kanyamwa Kosewe")),
        SubCounty("Suba North", -0.5048, 34.3219, (
            "Mfangano Island", "Rusinga Island", "Kasgunga", "Gembe", "Lambwe")),
        SubCounty("Suba South", -0.6511, 34.1072, (
            "Gwassi South", "Gwassi North", "Kaksingri West", "Ruma Kaksingri East")),
    ),
    "044": (
        SubCounty("Rongo", -0.8164, 34.5981, (
            "North Kamagambo", "Central Kamagambo", "East Kamagambo", "South Kamagambo")),
        SubCounty("Awendo", -0.8730, 34.5292, (
            "North Sakwa", "South Sakwa", "West Sakwa", "Central Sakwa")),
        SubCounty("Suna East", -1.0661, 34.5246, ("God Jope", "Suna Central", "Kakrao", "Kwa")),
        SubCounty("Suna West", -1.0916, 34.3681, (
            "Wiga", "Wasweta Ii", "Ragana-Oruba", "Wasimbete")),
        SubCounty("Uriri", -0.9432, 34.4349, (
            "West Kanyamkago", "North Kanyamkago", "Central Kanyamkago", "South Kanyamkago",
            "East Kanyamkago")),
        SubCounty("Nyatike", -0.9279, 34.1341, (
            "Kachien'g", "Kanyasa", "North Kadem", "Macalder/Kanyarwanda", "Kaler", "Got Kachola",
            "Muhuru")),
        SubCounty("Kuria West", -1.2028, 34.5174, (
            "Bukira East", "Bukira Centrl/Ikerege", "Isibania", "Makerero", "Masaba", "Tagare",
            "Nyamosense/Komosoko")),
        SubCounty("Kuria East", -1.2408, 34.6526, (
            "Gokeharaka/Getambwega", "Ntimaru West", "Ntimaru East", "Nyabasi East",
            "Nyabasi West")),
    ),
    "045": (
        SubCounty("Bonchari", -0.6593, 34.6892, ("Bomariba", "Bogiakumu", "Bomorenda", "Riana")),
        SubCounty("South Mugirango", -0.8368, 34.6511, (
            "Tabaka", "Boikang'a", "Bogetenga", "Borabu / Chitago", "Moticho", "Getenga")),
        SubCounty("Bomachoge Borabu", -0.9058, 34.7515, (
            "Bombaba Borabu", "Boochi Borabu", "Bokimonge", "Magenche")),
        SubCounty("Bobasi", -0.8196, 34.7986, (
            "Masige West", "Masige East", "Bobasi Central", "Nyacheki", "Bobasi Bogetaorio",
            "Bobasi Chache", "Sameta/Mokwerero", "Bobasi Boitangare")),
        SubCounty("Bomachoge Chache", -0.8044, 34.7159, (
            "Majoge Basi", "Boochi/Tendere", "Bosoti/Sengera")),
        SubCounty("Nyaribari Masaba", -0.8356, 34.9277, (
            "Ichuni", "Nyamasibi", "Masimba", "Gesusu", "Kiamokama")),
        SubCounty("Nyaribari Chache", -0.7367, 34.8217, (
            "Bobaracho", "Kisii Central", "Keumbu", "Kiogoro", "Birongo", "Ibeno")),
        SubCounty("Kitutu Chache North", -0.5641, 34.8119, (
            "Monyerero", "Sensi", "Marani", "Kegogi")),
        SubCounty("Kitutu Chache South", -0.6166, 34.7556, (
            "Bogusero", "Bogeka", "Nyakoe", "Kitutu Central", "Nyatieko")),
    ),
    "046": (
        SubCounty("Kitutu Masaba", -0.6889, 34.9153, (
            "Rigoma", "Gachuba", "Kemera", "Magombo", "Manga", "Gesima")),
        SubCounty("West Mugirango", -0.5721, 34.9113, (
            "Nyamaiya", "Bogichora", "Bosamaro", "Bonyamatuta", "Township")),
        SubCounty("North Mugirango", -0.5030, 34.9824, (
            "Itibo", "Bomwagamo", "Bokeira", "Magwagwa", "Ekerenyo")),
        SubCounty("Borabu", -0.6921, 35.0431, ("Mekenene", "Kiabonyoru", "Nyansiongo", "Esise")),
    ),
    "047": (
        SubCounty("Westlands", -1.2321, 36.7954, (
            "Kitisuru", "Parklands/Highridge", "Karura", "Kangemi", "Mountain View")),
        SubCounty("Dagoretti North", -1.2769, 36.7742, (
            "Kilimani", "Kawangware", "Gatina", "Kileleshwa", "Kabiro")),
        SubCounty("Dagoretti South", -1.2811, 36.7122, (
            "Mutuini", "Ngando", "Riruta", "Uthiru/Ruthimitu", "Waithaka")),
        SubCounty("Langata", -1.3680, 36.8143, (
            "Karen", "Nairobi West", "Mugumo-Ini", "South-C", "Nyayo Highrise")),
        SubCounty("Kibra", -1.3042, 36.7797, (
            "Laini Saba", "Lindi", "Makina", "Woodley/Kenyatta Golf Course", "Sarangombe")),
        SubCounty("Roysambu", -1.2080, 36.8785, (
            "Githurai", "Kahawa West", "Zimmerman", "Roysambu", "Kahawa")),
        SubCounty("Kasarani", -1.2520, 37.0136, ("Claycity", "Mwiki", "Kasarani", "Njiru", "Ruai")),
        SubCounty("Ruaraka", -1.2458, 36.8781, (
            "Baba Dogo", "Utalii", "Mathare North", "Lucky Summer", "Korogocho")),
        SubCounty("Embakasi South", -1.3357, 36.8739, (
            "Imara Daima", "Kwa Njenga", "Kwa Reuben", "Pipeline", "Kware")),
        SubCounty("Embakasi North", -1.2475, 36.8995, (
            "Kariobangi North", "Dandora Area I", "Dandora Area Ii", "Dandora Area Iii",
            "Dandora Area Iv")),
        SubCounty("Embakasi Central", -1.2696, 36.9094, (
            "Kayole North", "Kayole Central", "Kayole South", "Komarock",
            "Matopeni/Spring Valley")),
        SubCounty("Embakasi East", -1.3106, 36.9377, (
            "Upper Savannah", "Lower Savannah", "Embakasi", "Utawala", "Mihango")),
        SubCounty("Embakasi West", -1.2734, 36.8855, (
            "Umoja I", "Umoja Ii", "Mowlem", "Kariobangi South")),
        SubCounty("Makadara", -1.2946, 36.8634, (
            "Makongeni", "Maringo/Hamza", "Harambee", "Viwandani")),
        SubCounty("Kamukunji", -1.2754, 36.8583, (
            "Pumwani", "Eastleigh North", "Eastleigh South", "Airbase", "California")),
        SubCounty("Starehe", -1.2899, 36.8286, (
            "Nairobi Central", "Ngara", "Ziwani/Kariokor", "Pangani", "Landimawe",
            "Nairobi South")),
        SubCounty("Mathare", -1.2559, 36.8705, (
            "Hospital", "Mabatini", "Huruma", "Ngei", "Mlango Kubwa", "Kiamaiko")),
    ),
}

# --- towns ---------------------------------------------------------------------------

TOWNS: dict[str, tuple[Town, ...]] = {
    "001": (Town("Mombasa", -4.0435, 39.6682, 3),),
    "002": (Town("Kwale", -4.1737, 39.4521, 2), Town("Ukunda", -4.2833, 39.5667, 2)),
    "003": (Town("Kilifi", -3.6305, 39.8499, 2), Town("Malindi", -3.2192, 40.1169, 2),
            Town("Mariakani", -3.8631, 39.4733, 1)),
    "004": (Town("Hola", -1.4980, 40.0300, 2), Town("Garsen", -2.2700, 40.1170, 1)),
    "005": (Town("Lamu", -2.2717, 40.9020, 1), Town("Mokowe", -2.2350, 40.8550, 1),
            Town("Mpeketoni", -2.3900, 40.7000, 1)),
    "006": (Town("Voi", -3.3961, 38.5561, 2), Town("Mwatate", -3.5047, 38.3780, 1),
            Town("Taveta", -3.3980, 37.6830, 1)),
    "007": (Town("Garissa", -0.4532, 39.6461, 3), Town("Dadaab", 0.0550, 40.3100, 1)),
    "008": (Town("Wajir", 1.7471, 40.0573, 3), Town("Habaswein", 1.0100, 39.4900, 1)),
    "009": (Town("Mandera", 3.9366, 41.8670, 3), Town("Elwak", 2.8100, 40.9300, 1)),
    "010": (Town("Marsabit", 2.3284, 37.9899, 2), Town("Moyale", 3.5167, 39.0584, 2)),
    "011": (Town("Isiolo", 0.3546, 37.5822, 3),),
    "012": (Town("Meru", 0.0463, 37.6559, 3), Town("Maua", 0.2330, 37.9400, 1)),
    "013": (Town("Chuka", -0.3330, 37.6450, 2), Town("Kathwana", -0.1900, 37.8300, 1)),
    "014": (Town("Embu", -0.5310, 37.4500, 3), Town("Siakago", -0.5800, 37.6300, 1)),
    "015": (Town("Kitui", -1.3670, 38.0106, 3), Town("Mwingi", -0.9300, 38.0600, 1)),
    "016": (Town("Machakos", -1.5177, 37.2634, 2), Town("Athi River", -1.4560, 36.9780, 2)),
    "017": (Town("Wote", -1.7800, 37.6300, 2), Town("Emali", -2.0800, 37.4700, 1)),
    "018": (Town("Ol Kalou", -0.2710, 36.3790, 2), Town("Engineer", -0.6100, 36.5900, 1)),
    "019": (Town("Nyeri", -0.4201, 36.9476, 3), Town("Karatina", -0.4830, 37.1280, 1)),
    "020": (Town("Kerugoya", -0.4989, 37.2803, 2), Town("Kutus", -0.5670, 37.3250, 1)),
    "021": (Town("Murang'a", -0.7210, 37.1526, 2), Town("Kenol", -0.9330, 37.1330, 1)),
    "022": (Town("Thika", -1.0333, 37.0693, 2), Town("Kiambu", -1.1714, 36.8356, 2),
            Town("Ruiru", -1.1466, 36.9609, 2)),
    "023": (Town("Lodwar", 3.1191, 35.5973, 2), Town("Kakuma", 3.7167, 34.8667, 2),
            Town("Lokichoggio", 4.2044, 34.3480, 1)),
    "024": (Town("Kapenguria", 1.2389, 35.1119, 3), Town("Chepareria", 1.3100, 35.2000, 1)),
    "025": (Town("Maralal", 1.0968, 36.6980, 2), Town("Baragoi", 1.7800, 36.7900, 1)),
    "026": (Town("Kitale", 1.0157, 35.0062, 3),),
    "027": (Town("Eldoret", 0.5143, 35.2698, 4),),
    "028": (Town("Iten", 0.6703, 35.5081, 2), Town("Kapsowar", 1.0000, 35.5700, 1)),
    "029": (Town("Kapsabet", 0.2039, 35.1050, 2), Town("Nandi Hills", 0.1000, 35.1800, 1)),
    "030": (Town("Kabarnet", 0.4919, 35.7430, 2), Town("Marigat", 0.4700, 35.9800, 1),
            Town("Chemolingot", 0.9800, 36.0000, 1)),
    "031": (Town("Nanyuki", 0.0167, 37.0667, 2), Town("Nyahururu", 0.0450, 36.3700, 2),
            Town("Rumuruti", 0.2720, 36.5380, 1)),
    "032": (Town("Nakuru", -0.3031, 36.0800, 4), Town("Naivasha", -0.7167, 36.4333, 2)),
    "033": (Town("Narok", -1.0833, 35.8667, 2), Town("Kilgoris", -1.0000, 34.8800, 1)),
    "034": (Town("Kitengela", -1.4760, 36.9600, 2), Town("Ngong", -1.3527, 36.6700, 2),
            Town("Kajiado", -1.8524, 36.7768, 1)),
    "035": (Town("Kericho", -0.3677, 35.2831, 3),),
    "036": (Town("Bomet", -0.7813, 35.3416, 2), Town("Sotik", -0.6800, 35.1200, 1)),
    "037": (Town("Kakamega", 0.2827, 34.7519, 3), Town("Mumias", 0.3356, 34.4883, 1)),
    "038": (Town("Mbale", 0.0710, 34.7240, 2), Town("Luanda", 0.0150, 34.5900, 1)),
    "039": (Town("Bungoma", 0.5635, 34.5606, 3), Town("Webuye", 0.6167, 34.7667, 1)),
    "040": (Town("Busia", 0.4608, 34.1115, 3), Town("Malaba", 0.6350, 34.2820, 1)),
    "041": (Town("Siaya", 0.0607, 34.2881, 2), Town("Bondo", -0.0950, 34.2730, 1)),
    "042": (Town("Kisumu", -0.0917, 34.7680, 4),),
    "043": (Town("Homa Bay", -0.5273, 34.4571, 2), Town("Mbita", -0.4350, 34.2050, 1)),
    "044": (Town("Migori", -1.0634, 34.4731, 2), Town("Rongo", -0.7600, 34.6000, 1)),
    "045": (Town("Kisii", -0.6817, 34.7667, 4),),
    "046": (Town("Nyamira", -0.5633, 34.9358, 2), Town("Keroka", -0.7700, 34.9550, 1)),
    "047": (Town("Nairobi CBD", -1.2864, 36.8172, 3), Town("Eastleigh", -1.2750, 36.8500, 2),
            Town("Kibera", -1.3133, 36.7870, 2)),
}

# Short county references used in evidence numbers ("CC/WP/2025/031").
COUNTY_ABBREVIATIONS: dict[str, str] = {"001": "MSA", "047": "NBI"}

# --- forums --------------------------------------------------------------------------

# Where each county's edition meets: county code → (edition name, venue).
FORUM_VENUES: dict[str, tuple[str, str]] = {
    "001": ("Pwani Edition", "Tononoka Social Hall, Mombasa"),
    "002": ("Kwale Edition", "Kwale Social Hall"),
    "003": ("Kilifi Edition", "Karisa Maitha Grounds, Kilifi"),
    "004": ("Tana River Edition", "Hola Social Hall, Tana River"),
    "005": ("Lamu Edition", "Mokowe Social Hall, Lamu"),
    "006": ("Taita Taveta Edition", "Voi Social Hall, Taita Taveta"),
    "007": ("Garissa Edition", "Garissa Town Hall"),
    "008": ("Wajir Edition", "Orahey Grounds, Wajir"),
    "009": ("Mandera Edition", "Mandera Social Hall"),
    "010": ("Marsabit Edition", "Marsabit Social Hall"),
    "011": ("Isiolo Edition", "Isiolo Social Hall"),
    "012": ("Meru Edition", "Kinoru Stadium, Meru"),
    "013": ("Tharaka-Nithi Edition", "Chuka Social Hall, Tharaka-Nithi"),
    "014": ("Embu Edition", "Moi Stadium, Embu"),
    "015": ("Kitui Edition", "Ithookwe Showground, Kitui"),
    "016": ("Machakos Edition", "Kenyatta Stadium, Machakos"),
    "017": ("Makueni Edition", "Wote Social Hall, Makueni"),
    "018": ("Nyandarua Edition", "Ol Kalou Social Hall, Nyandarua"),
    "019": ("Nyeri Edition", "Kamukunji Grounds, Nyeri"),
    "020": ("Kirinyaga Edition", "Kerugoya Social Hall, Kirinyaga"),
    "021": ("Murang'a Edition", "Ihura Stadium, Murang'a"),
    "022": ("Kiambu Edition", "Thika Stadium, Kiambu"),
    "023": ("Lodwar Edition", "Lodwar Social Hall, Turkana"),
    "024": ("Kapenguria Edition", "Kapenguria Social Hall"),
    "025": ("Maralal Edition", "Maralal Stadium, Samburu"),
    "026": ("Kitale Edition", "Kitale Social Hall, Trans Nzoia"),
    "027": ("Eldoret Edition", "64 Stadium, Eldoret"),
    "028": ("Iten Edition", "Kamariny Stadium, Iten"),
    "029": ("Kapsabet Edition", "Kapsabet Social Hall, Nandi"),
    "030": ("Kabarnet Edition", "Kabarnet Stadium, Baringo"),
    "031": ("Laikipia Edition", "Nanyuki Social Hall, Laikipia"),
    "032": ("Nakuru Edition", "Afraha Stadium, Nakuru"),
    "033": ("Narok Edition", "Narok Stadium"),
    "034": ("Kajiado Edition", "Kajiado Social Hall"),
    "035": ("Kericho Edition", "Kericho Green Stadium"),
    "036": ("Bomet Edition", "Bomet Green Stadium"),
    "037": ("Kakamega Edition", "Bukhungu Stadium, Kakamega"),
    "038": ("Vihiga Edition", "Mbale Social Hall, Vihiga"),
    "039": ("Bungoma Edition", "Masinde Muliro Stadium, Kanduyi"),
    "040": ("Busia Edition", "Busia Social Hall"),
    "041": ("Siaya Edition", "Siaya Social Hall"),
    "042": ("Kisumu Edition", "Jomo Kenyatta Sports Ground, Kisumu"),
    "043": ("Homa Bay Edition", "Homa Bay Social Hall"),
    "044": ("Migori Edition", "Migori Social Hall"),
    "045": ("Kisii Edition", "Gusii Stadium, Kisii"),
    "046": ("Nyamira Edition", "Nyamira Social Hall"),
    "047": ("Nairobi Edition", "Kenyatta International Convention Centre, Nairobi"),
}

# The order in which the programme goes round the counties, again and again: the launch
# round (Mombasa first, Nairobi last), then the counties it had not reached yet.
FORUM_ROTATION: tuple[str, ...] = (
    "001", "024", "002", "003", "005", "007", "008", "009", "010", "011", "023", "025",
    "030", "028", "027", "042", "037", "039", "044", "045", "032", "033", "034", "012",
    "015", "019", "022", "016", "031", "047",
    "004", "006", "013", "014", "017", "018", "020", "021", "026", "029", "035", "036",
    "038", "040", "041", "043", "046",
)

# Editions held in each calendar month (January first): about 30 a year, fewer over the
# December holidays and in the long August school break. Every county hosts one about
# every year and a half; every quarter sees editions in several regions.
FORUMS_PER_MONTH: tuple[int, ...] = (1, 2, 3, 3, 3, 3, 3, 2, 3, 3, 3, 1)

# The month whose first edition is the first of FORUM_ROTATION (the programme's launch).
FORUM_ROTATION_START = dt.date(2025, 4, 1)

# Forums are held on these weekdays (Monday = 0): Tuesday to Thursday.
FORUM_WEEKDAYS: tuple[int, ...] = (1, 2, 3)

# Typical share of each attendance group (keys of reference.ATTENDANCE_GROUPS).
ATTENDANCE_SHARES: dict[str, float] = {
    "youth": 0.25, "womens_groups": 0.18, "elders": 0.14, "religious_leaders": 0.10,
    "officials": 0.10, "business": 0.10, "civil_society": 0.08, "pwd": 0.05,
}

# --- concern themes by place ---------------------------------------------------------

# Relative weight of each theme among a forum's concerns, by NGAO region.
REGION_THEMES: dict[str, dict[str, float]] = {
    "coast": {"violent_extremism": 3, "drugs": 4, "land_disputes": 3, "gbv": 1.5,
              "youth_gangs": 1.5, "police_conduct": 1, "id_delays": 0.5},
    "north_eastern": {"violent_extremism": 4, "id_delays": 3, "arms_smuggling": 2,
                      "banditry": 1.5, "land_disputes": 1, "police_conduct": 1,
                      "human_trafficking": 0.5},
    "eastern": {"drugs": 3, "land_disputes": 2.5, "gbv": 2, "cattle_rustling": 1,
                "police_conduct": 1, "youth_gangs": 1},
    "central": {"drugs": 4, "gbv": 2.5, "land_disputes": 2, "youth_gangs": 1.5,
                "police_conduct": 1},
    "rift_valley": {"land_disputes": 2.5, "gbv": 2, "drugs": 2, "cattle_rustling": 1,
                    "police_conduct": 1, "youth_gangs": 1},
    "western": {"gbv": 3, "land_disputes": 3, "drugs": 3, "youth_gangs": 1,
                "police_conduct": 1, "human_trafficking": 0.5},
    "nyanza": {"gbv": 3, "land_disputes": 3, "drugs": 2.5, "police_conduct": 1,
               "youth_gangs": 1},
    "nairobi": {"youth_gangs": 4, "drugs": 3.5, "police_conduct": 3, "gbv": 1.5,
                "land_disputes": 1, "violent_extremism": 0.7, "id_delays": 0.5},
}

_NORTH_RIFT = {"cattle_rustling": 5, "banditry": 4, "arms_smuggling": 2, "land_disputes": 1,
               "gbv": 1, "police_conduct": 1, "drugs": 0.5, "id_delays": 0.5}

# Counties whose themes differ from their region's (replace the region's weights).
COUNTY_THEMES: dict[str, dict[str, float]] = {
    "023": _NORTH_RIFT,
    "025": _NORTH_RIFT,
    "028": _NORTH_RIFT,
    "030": _NORTH_RIFT,
    "024": {"cattle_rustling": 4, "banditry": 4, "illegal_mining": 3, "arms_smuggling": 3,
            "human_trafficking": 2, "gbv": 1, "id_delays": 0.5},
    "010": {"banditry": 3, "cattle_rustling": 3, "arms_smuggling": 2, "violent_extremism": 1,
            "land_disputes": 1.5, "id_delays": 1.5},
    "011": {"banditry": 3, "cattle_rustling": 3, "arms_smuggling": 2, "violent_extremism": 1,
            "land_disputes": 1.5, "id_delays": 1.5},
    "031": {"banditry": 3, "land_disputes": 3, "cattle_rustling": 2, "drugs": 1, "gbv": 1},
    "033": {"land_disputes": 3.5, "gbv": 2, "cattle_rustling": 1.5, "drugs": 1.5,
            "police_conduct": 1},
    "034": {"land_disputes": 3.5, "gbv": 2, "cattle_rustling": 1.5, "drugs": 1.5,
            "youth_gangs": 1},
    "022": {"drugs": 4, "youth_gangs": 2.5, "gbv": 2, "land_disputes": 2, "police_conduct": 1},
}
# Themes added on top of the region's: maritime counties, mining areas, border crossings.
COUNTY_EXTRA_THEMES: dict[str, dict[str, float]] = {
    "001": {"maritime_security": 2},
    "002": {"maritime_security": 1.5},
    "003": {"maritime_security": 2},
    "005": {"maritime_security": 3, "violent_extremism": 2},
    "015": {"cattle_rustling": 1},
    "013": {"cattle_rustling": 1},
    "037": {"illegal_mining": 1.5},
    "044": {"illegal_mining": 1.5, "human_trafficking": 1},
    "040": {"human_trafficking": 1.5},
}


def theme_weights(county_code: str, region_code: str) -> dict[str, float]:
    """Relative weight of each concern theme in one county."""
    weights = dict(COUNTY_THEMES.get(county_code, REGION_THEMES[region_code]))
    for theme, w in COUNTY_EXTRA_THEMES.get(county_code, {}).items():
        weights[theme] = weights.get(theme, 0.0) + w
    return weights


# Which attendance group tends to raise each theme.
RAISED_BY: dict[str, dict[str, float]] = {
    "violent_extremism": {"religious_leaders": 4, "elders": 2, "womens_groups": 2, "youth": 1},
    "drugs": {"womens_groups": 3, "religious_leaders": 3, "youth": 2, "elders": 1},
    "land_disputes": {"elders": 5, "civil_society": 1, "business": 1},
    "gbv": {"womens_groups": 5, "civil_society": 2, "religious_leaders": 1},
    "cattle_rustling": {"elders": 4, "youth": 2, "officials": 1},
    "banditry": {"elders": 3, "youth": 2, "business": 2, "religious_leaders": 1},
    "illegal_mining": {"youth": 3, "elders": 2, "business": 1},
    "arms_smuggling": {"elders": 3, "religious_leaders": 1, "civil_society": 1},
    "human_trafficking": {"civil_society": 3, "womens_groups": 2, "religious_leaders": 1},
    "youth_gangs": {"business": 3, "womens_groups": 2, "youth": 2, "religious_leaders": 1},
    "maritime_security": {"business": 3, "elders": 1, "youth": 2},
    "id_delays": {"youth": 5, "pwd": 1, "elders": 1},
    "police_conduct": {"youth": 3, "civil_society": 3, "business": 1, "pwd": 1},
}

# --- concern summaries -----------------------------------------------------------------

CONCERN_TEXTS: dict[str, tuple[str, ...]] = {
    "violent_extremism": (
        "Young people from {place} recruited by extremist groups through online contacts; "
        "parents ask for an early-warning system.",
        "Returnees living in {place} without reintegration support; residents fear they "
        "will be recruited again.",
        "Radical preaching reported in informal classes around {place}; religious leaders "
        "ask for vetting of teachers.",
        "Explosive devices planted on roads near {place} have stopped buses and trade.",
        "Profiling of young men during security operations in {sub_county} is eroding "
        "trust in government.",
    ),
    "drugs": (
        "Heroin sold openly near schools in {place}; addiction among the youth is rising.",
        "Illicit brews (chang'aa and second-generation alcohol) brewed and sold day and "
        "night in {place}.",
        "Bhang moved through {sub_county} on boda bodas; arrested suppliers are quickly "
        "released.",
        "No public rehabilitation centre in {county}; families cannot afford private "
        "rehab.",
        "Drug abuse among school-going children in {place} during holidays.",
        "Drug dens in {sub_county} said to operate under protection of some officers.",
    ),
    "land_disputes": (
        "Boundary dispute between {place} and a neighbouring community over grazing land.",
        "Absentee landlords evicting squatters in {place}; residents ask for adjudication.",
        "Delays in issuing title deeds in {sub_county} and double allocation of plots.",
        "Conflict over community land in {place} after a ranch was subdivided.",
        "Public land set aside for a school in {place} has been grabbed.",
    ),
    "gbv": (
        "Rising defilement cases in {place}; many are withdrawn after family settlements.",
        "Domestic violence linked to alcohol abuse in {sub_county}; no safe house nearby.",
        "Gender desk at {town} police station is unstaffed at night.",
        "Female genital mutilation and early marriage continue in {place} during school "
        "holidays.",
        "Survivors from {place} travel far for medical examination and P3 forms.",
    ),
    "cattle_rustling": (
        "Livestock raids along the {place} border; herders killed and cattle driven off.",
        "Stolen cattle from {sub_county} sold in markets without movement permits.",
        "Retaliatory raids feared after goats were stolen in {place}.",
        "Herders in {sub_county} ask for livestock branding and tracking.",
    ),
    "banditry": (
        "Armed bandits attack travellers on the {town}–{place} road.",
        "Schools in {place} closed after bandit attacks; teachers have left.",
        "Too few National Police Reservists in {place} to repel attacks.",
        "Families displaced from {place} by bandit attacks want security to return home.",
    ),
    "illegal_mining": (
        "Unlicensed gold mining in {place} attracts armed groups and child labour.",
        "Collapsed mining pits at {place} have killed miners; nobody regulates the sites.",
        "Disputes between local and outside miners in {place} are turning violent.",
    ),
    "arms_smuggling": (
        "Illegal firearms smuggled across the border through {place}.",
        "Guns sold cheaply in {place}; communities fear disarmament will leave them exposed.",
        "Ammunition traded for livestock in {sub_county} markets.",
    ),
    "human_trafficking": (
        "Young women from {place} lured with promises of jobs abroad and not heard from.",
        "Migrants smuggled through {sub_county} on their way across the border.",
        "Children from {place} taken to towns for domestic work.",
    ),
    "youth_gangs": (
        "Criminal gangs mug residents of {place} at night; many members are teenagers.",
        "Unemployed youths in {place} recruited into gangs for hire.",
        "Phone snatching and muggings around the {place} stage after dark.",
        "Street lights in {place} not working, making it easy for gangs to attack.",
    ),
    "maritime_security": (
        "Fishermen from {place} harassed by foreign trawlers and losing their nets.",
        "Drugs landed by boats at beaches near {place}.",
        "No rescue boat when fishing boats capsize off {place}.",
        "Illegal fishing and smuggling of goods at landing sites in {sub_county}.",
    ),
    "id_delays": (
        "Young people in {place} wait more than a year for ID cards after vetting.",
        "Vetting committees in {sub_county} demand extra documents from border communities.",
        "Without IDs, youths in {place} cannot apply for jobs, bursaries or SIM cards.",
        "Birth certificates delayed, blocking school registration in {place}.",
    ),
    "police_conduct": (
        "Police take too long to respond to calls in {place}; the station has one vehicle.",
        "Residents of {place} complain of extortion at roadblocks.",
        "Arbitrary arrests of young men in {sub_county} during crackdowns.",
        "Complaints filed at {town} police station are not followed up.",
    ),
}

# Short phrase per theme for chiefs' notes and chief-report concerns.
THEME_PHRASES: dict[str, str] = {
    "violent_extremism": "radicalisation of young people",
    "drugs": "illicit brews and drug peddling",
    "land_disputes": "land and boundary disputes",
    "gbv": "domestic and gender-based violence",
    "cattle_rustling": "livestock theft and raids",
    "banditry": "bandit attacks",
    "illegal_mining": "illegal mining sites",
    "arms_smuggling": "illegal firearms",
    "human_trafficking": "fake job offers and trafficking",
    "youth_gangs": "youth gangs and muggings",
    "maritime_security": "insecurity at landing sites",
    "id_delays": "delays in ID cards",
    "police_conduct": "slow police response",
}

CHIEF_CONCERN_TEXTS: tuple[str, ...] = (
    "Chief's report from {place} location: {phrase} raised at every baraza this month.",
    "Barazas in {place} location report {phrase}; residents ask for follow-up.",
    "{place} location: {phrase} getting worse according to village elders.",
)

CHIEF_NOTES_CALM: tuple[str, ...] = (
    "Calm month; barazas held on community policing.",
    "No major incidents; residents satisfied with patrols.",
    "Peace committee met; relations between communities good.",
)
CHIEF_NOTES_CONCERN: tuple[str, ...] = (
    "Residents raised {phrase} at the barazas.",
    "Main concern this month: {phrase}.",
    "Village elders report {phrase}; asked for more patrols.",
)

# --- commitments -------------------------------------------------------------------------

# (institution code, title template) per theme; the first fits best.
COMMITMENT_TEMPLATES: dict[str, tuple[tuple[str, str], ...]] = {
    "drugs": (
        ("nacada", "Anti-narcotics task force for {county}"),
        ("nps", "Crackdown on drug dens and illicit brew outlets in {sub_county}"),
        ("county_gov", "Public rehabilitation centre at {town}"),
        ("nacada", "Drug-awareness campaign in {sub_county} schools"),
    ),
    "violent_extremism": (
        ("nctc", "Review of the {county} County Action Plan on preventing violent extremism"),
        ("nctc", "Returnee reintegration programme in {sub_county}"),
        ("youth", "Youth empowerment hub in {place}"),
        ("ngao", "Community early-warning committee for {sub_county}"),
    ),
    "land_disputes": (
        ("lands", "Land dispute task force for {sub_county}"),
        ("lands", "Title deed issuance clinic in {sub_county}"),
        ("lands", "Boundary survey of {place}"),
        ("ngao", "Peace committee mediation between {place} communities"),
    ),
    "gbv": (
        ("gender", "GBV recovery centre at {town}"),
        ("nps", "Staffed gender desks at all police stations in {sub_county}"),
        ("gender", "Safe house for GBV survivors in {county}"),
        ("ngao", "Anti-FGM and early marriage campaign in {place}"),
    ),
    "cattle_rustling": (
        ("nps", "NPR deployment and anti-stock-theft unit in {place}"),
        ("ngao", "Livestock branding and traceability in {sub_county}"),
        ("roads", "Security road {town}–{place}"),
    ),
    "banditry": (
        ("nps", "Police post at {place}"),
        ("roads", "Security road {town}–{place}"),
        ("nps", "Additional National Police Reservists for {sub_county}"),
        ("ngao", "Reopening of schools in {place} under police protection"),
    ),
    "illegal_mining": (
        ("ngao", "Registration of artisanal miners at {place}"),
        ("county_gov", "Artisanal mining cooperative for {sub_county}"),
        ("nps", "Security operation at {place} mining sites"),
    ),
    "arms_smuggling": (
        ("nps", "Voluntary disarmament and arms amnesty in {sub_county}"),
        ("dci", "Border surveillance against arms trafficking at {place}"),
        ("ngao", "Community arms-recovery drive in {place}"),
    ),
    "human_trafficking": (
        ("dci", "Anti-trafficking desk at {town}"),
        ("ngao", "Public awareness on fake job offers in {sub_county}"),
        ("gender", "Rescue and reintegration of trafficked children from {place}"),
    ),
    "youth_gangs": (
        ("youth", "Youth empowerment hub in {place}"),
        ("nps", "Community policing committee for {place}"),
        ("county_gov", "Street lighting in {place}"),
        ("youth", "Skills and jobs programme for {sub_county} youth"),
    ),
    "maritime_security": (
        ("kcgs", "Coast Guard patrol base at {place}"),
        ("kcgs", "Search and rescue boat for {sub_county} fishermen"),
        ("kcgs", "Joint patrols against illegal fishing off {place}"),
    ),
    "id_delays": (
        ("nrb", "Mobile ID registration drive in {sub_county}"),
        ("nrb", "ID cards issued within 30 days of vetting in {county}"),
        ("nrb", "Birth registration campaign in {place}"),
    ),
    "police_conduct": (
        ("nps", "Response-time audit and extra patrol vehicle for {place}"),
        ("nps", "Police service charter displayed at all stations in {sub_county}"),
        ("ngao", "Complaints desk at the Deputy County Commissioner's office, {sub_county}"),
    ),
}

# How commitments turn out: (outcome, share). The generator turns each outcome into a
# dated status history; see demo._status_history.
COMMITMENT_OUTCOMES: tuple[tuple[str, float], ...] = (
    ("fulfilled_on_time", 0.22),
    ("fulfilled_late", 0.12),
    ("partly_fulfilled", 0.12),
    ("stalled", 0.10),
    ("in_progress", 0.14),
    ("not_started", 0.07),
    ("not_fulfilled", 0.07),
    ("never_verified", 0.16),
)

STATUS_NOTES: dict[str, tuple[str, ...]] = {
    "unverified": ("Commitment recorded at the {edition}.",
                   "Commitment recorded by the county security committee after a chief's "
                   "report."),
    "not_started": ("No work started; {inst} says funds are awaited.",
                    "Not started; responsible officer yet to be named."),
    "in_progress": ("Work under way; first activities reported by {inst}.",
                    "Team constituted and first meetings held.",
                    "Site identified and procurement started.",
                    "Officers deployed; first cases handled."),
    "stalled": ("Stalled: budget not released.",
                "Stalled: contractor left the site.",
                "Stalled awaiting approval from headquarters."),
    "partly_fulfilled": ("Partly delivered; remaining work scheduled for next financial year.",
                         "Delivered in some wards only.",
                         "Started operating with half the planned staff."),
    "fulfilled": ("Delivered and verified on site.",
                  "Completed and handed over; verified by the county security committee."),
    "not_fulfilled": ("Deadline passed without delivery; closed as not fulfilled at the "
                      "quarterly review.",),
}

RECORDED_BY: tuple[str, ...] = (
    "County Commissioner's office, {county}",
    "Deputy County Commissioner, {sub_county}",
    "{inst} {county} office",
    "Regional Commissioner's office, {region}",
)

EVIDENCE_FORMATS: tuple[str, ...] = (
    "Gazette notice {n4}/{year}",
    "Field verification report CC/{abbr}/{year}/{n3:03d}",
    "Handover certificate and site photographs, {date}",
    "Minutes of the county security committee, {date}",
    "Deployment order {inst}/{abbr}/{n3:03d}/{year}",
)

# --- observatory ---------------------------------------------------------------------------

# Reported crime per head relative to the national average (urban counties report more,
# remote ones less).
COUNTY_CRIME_LEVEL: dict[str, float] = {
    "047": 1.4, "001": 1.35, "022": 1.5, "032": 1.4, "012": 1.3, "042": 1.25, "027": 1.2,
    "016": 1.1, "045": 1.1, "031": 1.1,
    "008": 0.6, "009": 0.6, "007": 0.7, "004": 0.7, "023": 0.8, "025": 0.85,
}

_PASTORAL = ("023", "024", "025", "028", "030", "010", "011", "031")

# Category × county multipliers on top of population and level (the national category
# mix is restored afterwards, so these move crime between counties, not categories).
CATEGORY_COUNTY_FACTORS: dict[str, dict[str, float]] = {
    "theft_of_stock": {
        **{c: 7.0 for c in _PASTORAL}, "033": 3.0, "034": 2.5, "015": 2.0, "013": 2.0,
        "007": 2.0, "008": 2.0, "009": 2.0, "047": 0.05, "001": 0.05, "022": 0.3,
    },
    "robbery": {"047": 2.5, "001": 1.6, "022": 1.4, "032": 1.3, "042": 1.3},
    "stealing": {"047": 1.6, "001": 1.3, "022": 1.3, "032": 1.3, "027": 1.2},
    "vehicle_and_other_thefts": {"047": 3.0, "022": 1.8, "001": 1.6, "032": 1.5},
    "dangerous_drugs": {"001": 2.5, "003": 1.8, "002": 1.6, "005": 1.5, "047": 1.8,
                        "022": 1.3},
    "offences_involving_tourists": {
        **{c: 0.2 for c in ("007", "008", "009", "023", "024", "025")},
        "001": 8.0, "002": 6.0, "003": 6.0, "005": 4.0, "033": 4.0, "047": 2.0, "032": 1.5,
    },
    "homicide": {**{c: 1.6 for c in _PASTORAL}, "010": 1.8, "007": 1.4, "008": 1.4,
                 "009": 1.4, "047": 1.2},
    "offences_against_morality": {c: 1.2 for c in (
        "037", "038", "039", "040", "041", "042", "043", "044", "045", "046")},
    "corruption": {"047": 3.0, "001": 2.0, "022": 1.5},
    "economic_crimes": {"047": 3.0, "001": 2.0, "022": 1.5, "032": 1.3},
    "traffic_offences": {"047": 2.0, "032": 1.5},
    "breakings": {"047": 1.3, "001": 1.3, "022": 1.3, "032": 1.2, "042": 1.2},
}

# Month-of-year factors (January first): festive December, quieter February and June.
SEASONALITY: tuple[float, ...] = (1.02, 0.93, 1.0, 0.98, 0.97, 0.95, 0.99, 1.04, 1.0, 1.01,
                                  1.02, 1.09)

# Yearly growth of recorded crime in the demo series.
YEARLY_GROWTH = 0.03

# Overdispersion of the monthly counts: each county × category × month count is a
# gamma–Poisson (negative binomial) draw whose variance is this many times its mean, as
# in real recorded-crime series (a pure Poisson draw would be 1).
CRIME_DISPERSION = 1.3

# Default national level of recorded crime per year (the NPS annual crime reports give
# 93,411 in 2019, 69,645 in 2020 and 81,272 in 2021: reference.NATIONAL_TOTALS).
INCIDENTS_PER_YEAR = 85_000

# Surges seeded in the latest month: (county code, category code, why it is plausible).
# They are the only cells the generator raises; every other count is a random draw.
SURGES: tuple[tuple[str, str, str], ...] = (
    ("024", "theft_of_stock", "livestock raids along the West Pokot–Turkana border"),
    ("001", "dangerous_drugs", "a heroin consignment broken up across Mombasa"),
    ("047", "robbery", "a wave of street robberies in Nairobi's central business district"),
    ("010", "homicide", "inter-communal clashes in Marsabit"),
)

# Share of chiefs' locations reporting each month, where clearly below the usual 86–96 %.
CHIEF_COMPLIANCE: dict[str, float] = {
    "009": 0.70, "008": 0.72, "023": 0.74, "010": 0.76, "007": 0.80, "004": 0.80,
    "025": 0.80, "024": 0.82,
}
