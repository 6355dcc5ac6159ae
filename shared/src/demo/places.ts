import type { CountryCode } from '../domain/taxonomy/countries';
import type { TitleLanguage } from './topics';

/** A city where program work happens: names in English, the local script and Chinese, and where it is. */
export interface City {
  en: string;
  /** The name in the country's own language and script (same as `en` where that is Latin). */
  local: string;
  zh: string;
  lat: number;
  lon: number;
}

export interface CountryProfile {
  code: CountryCode;
  /** The language local titles and names are written in; undefined where English is the working language. */
  titleLanguage?: TitleLanguage;
  /** The country's name and China's name in `titleLanguage` (for "China–Thailand ..." in that language). */
  localName: string;
  localChina: string;
  cities: readonly City[];
  callingCode: string;
  currency: string;
  /** Units of the local currency per 1 CNY (rounded 2020s rates; demo data, not finance). */
  perCny: number;
  /** Words that local company names are built from: [local, romanized]. */
  brands: readonly (readonly [string, string])[];
  /** Relative share of the program's activities hosted in the country. */
  activityWeight: number;
  /** First year activities are hosted there (Timor-Leste joined ASEAN work late). */
  since: number;
}

const city = (en: string, local: string, zh: string, lat: number, lon: number): City => ({ en, local, zh, lat, lon });

export const countryProfiles: Record<CountryCode, CountryProfile> = {
  BN: {
    code: 'BN',
    titleLanguage: 'ms',
    localName: 'Brunei',
    localChina: 'China',
    cities: [
      city('Bandar Seri Begawan', 'Bandar Seri Begawan', '斯里巴加湾市', 4.9031, 114.9398),
      city('Kuala Belait', 'Kuala Belait', '马来奕', 4.5836, 114.2312),
      city('Tutong', 'Tutong', '都东', 4.8028, 114.6492),
      city('Bangar', 'Bangar', '淡布隆', 4.7086, 115.0739),
    ],
    callingCode: '+673',
    currency: 'BND',
    perCny: 0.19,
    brands: [['Seri', 'Seri'], ['Permata', 'Permata'], ['Darussalam', 'Darussalam']],
    activityWeight: 3,
    since: 2012,
  },
  KH: {
    code: 'KH',
    titleLanguage: 'km',
    localName: 'កម្ពុជា',
    localChina: 'ចិន',
    cities: [
      city('Phnom Penh', 'ភ្នំពេញ', '金边', 11.5564, 104.9282),
      city('Siem Reap', 'សៀមរាប', '暹粒', 13.3671, 103.8448),
      city('Battambang', 'បាត់ដំបង', '马德望', 13.1027, 103.1982),
      city('Kampong Cham', 'កំពង់ចាម', '磅湛', 11.9934, 105.4635),
      city('Sihanoukville', 'ព្រះសីហនុ', '西哈努克市', 10.6268, 103.5224),
      city('Kampot', 'កំពត', '贡布', 10.6104, 104.1815),
    ],
    callingCode: '+855',
    currency: 'KHR',
    perCny: 570,
    brands: [['អង្គរ', 'Angkor'], ['មេគង្គ', 'Mekong'], ['បាយ័ន', 'Bayon'], ['តេជោ', 'Techo']],
    activityWeight: 11,
    since: 2012,
  },
  ID: {
    code: 'ID',
    titleLanguage: 'id',
    localName: 'Indonesia',
    localChina: 'Tiongkok',
    cities: [
      city('Jakarta', 'Jakarta', '雅加达', -6.2088, 106.8456),
      city('Bandung', 'Bandung', '万隆', -6.9175, 107.6191),
      city('Surabaya', 'Surabaya', '泗水', -7.2575, 112.7521),
      city('Yogyakarta', 'Yogyakarta', '日惹', -7.7956, 110.3695),
      city('Bogor', 'Bogor', '茂物', -6.5950, 106.8166),
      city('Makassar', 'Makassar', '望加锡', -5.1477, 119.4327),
      city('Medan', 'Medan', '棉兰', 3.5952, 98.6722),
      city('Denpasar', 'Denpasar', '登巴萨', -8.6500, 115.2167),
    ],
    callingCode: '+62',
    currency: 'IDR',
    perCny: 2200,
    brands: [['Nusantara', 'Nusantara'], ['Garuda', 'Garuda'], ['Mitra', 'Mitra'], ['Sinar', 'Sinar']],
    activityWeight: 11,
    since: 2012,
  },
  LA: {
    code: 'LA',
    titleLanguage: 'lo',
    localName: 'ລາວ',
    localChina: 'ຈີນ',
    cities: [
      city('Vientiane', 'ວຽງຈັນ', '万象', 17.9757, 102.6331),
      city('Luang Prabang', 'ຫຼວງພະບາງ', '琅勃拉邦', 19.8856, 102.1347),
      city('Pakse', 'ປາກເຊ', '巴色', 15.1202, 105.7990),
      city('Savannakhet', 'ສະຫວັນນະເຂດ', '沙湾拿吉', 16.5572, 104.7523),
      city('Oudomxay', 'ອຸດົມໄຊ', '乌多姆赛', 20.6919, 101.9866),
    ],
    callingCode: '+856',
    currency: 'LAK',
    perCny: 3000,
    brands: [['ລ້ານຊ້າງ', 'Lane Xang'], ['ຈຳປາ', 'Champa'], ['ດາວເຮືອງ', 'Dao Heuang'], ['ສີໂຄດ', 'Sikhot']],
    activityWeight: 11,
    since: 2012,
  },
  MY: {
    code: 'MY',
    titleLanguage: 'ms',
    localName: 'Malaysia',
    localChina: 'China',
    cities: [
      city('Kuala Lumpur', 'Kuala Lumpur', '吉隆坡', 3.1390, 101.6869),
      city('Putrajaya', 'Putrajaya', '布城', 2.9264, 101.6964),
      city('George Town', 'George Town', '乔治市', 5.4141, 100.3288),
      city('Johor Bahru', 'Johor Bahru', '新山', 1.4927, 103.7414),
      city('Kuching', 'Kuching', '古晋', 1.5535, 110.3593),
      city('Kota Kinabalu', 'Kota Kinabalu', '亚庇', 5.9804, 116.0735),
      city('Serdang', 'Serdang', '沙登', 2.9990, 101.7160),
    ],
    callingCode: '+60',
    currency: 'MYR',
    perCny: 0.65,
    brands: [['Sinar', 'Sinar'], ['Gemilang', 'Gemilang'], ['Cahaya', 'Cahaya'], ['Mega', 'Mega']],
    activityWeight: 9,
    since: 2012,
  },
  MM: {
    code: 'MM',
    titleLanguage: 'my',
    localName: 'မြန်မာ',
    localChina: 'တရုတ်',
    cities: [
      city('Yangon', 'ရန်ကုန်', '仰光', 16.8409, 96.1735),
      city('Mandalay', 'မန္တလေး', '曼德勒', 21.9588, 96.0891),
      city('Nay Pyi Taw', 'နေပြည်တော်', '内比都', 19.7633, 96.0785),
      city('Mawlamyine', 'မော်လမြိုင်', '毛淡棉', 16.4905, 97.6283),
      city('Taunggyi', 'တောင်ကြီး', '东枝', 20.7892, 97.0378),
      city('Pathein', 'ပုသိမ်', '勃生', 16.7792, 94.7321),
    ],
    callingCode: '+95',
    currency: 'MMK',
    perCny: 290,
    brands: [['ရွှေ', 'Shwe'], ['ဧရာဝတီ', 'Ayeyarwady'], ['ရတနာ', 'Yadanar'], ['မြ', 'Mya']],
    activityWeight: 9,
    since: 2012,
  },
  PH: {
    code: 'PH',
    localName: 'Philippines',
    localChina: 'China',
    cities: [
      city('Manila', 'Maynila', '马尼拉', 14.5995, 120.9842),
      city('Quezon City', 'Lungsod Quezon', '奎松市', 14.6760, 121.0437),
      city('Los Baños', 'Los Baños', '洛斯巴尼奥斯', 14.1699, 121.2441),
      city('Cebu City', 'Lungsod ng Cebu', '宿务市', 10.3157, 123.8854),
      city('Davao City', 'Lungsod ng Davao', '达沃市', 7.1907, 125.4553),
      city('Iloilo City', 'Lungsod ng Iloilo', '怡朗市', 10.7202, 122.5621),
      city('Baguio', 'Baguio', '碧瑶', 16.4023, 120.5960),
    ],
    callingCode: '+63',
    currency: 'PHP',
    perCny: 8,
    brands: [['Mabuhay', 'Mabuhay'], ['Bayanihan', 'Bayanihan'], ['Luzon', 'Luzon'], ['Visayas', 'Visayas']],
    activityWeight: 9,
    since: 2012,
  },
  SG: {
    code: 'SG',
    localName: 'Singapore',
    localChina: 'China',
    cities: [
      city('Jurong', 'Jurong', '裕廊', 1.3329, 103.7436),
      city('Kent Ridge', 'Kent Ridge', '肯特岗', 1.2945, 103.7844),
      city('one-north', 'one-north', '纬壹科技城', 1.2995, 103.7873),
      city('Tampines', 'Tampines', '淡滨尼', 1.3540, 103.9450),
      city('Woodlands', 'Woodlands', '兀兰', 1.4360, 103.7860),
    ],
    callingCode: '+65',
    currency: 'SGD',
    perCny: 0.19,
    brands: [['Straits', 'Straits'], ['Lion City', 'Lion City'], ['Harbourfront', 'Harbourfront']],
    activityWeight: 4,
    since: 2012,
  },
  TH: {
    code: 'TH',
    titleLanguage: 'th',
    localName: 'ไทย',
    localChina: 'จีน',
    cities: [
      city('Bangkok', 'กรุงเทพมหานคร', '曼谷', 13.7563, 100.5018),
      city('Chiang Mai', 'เชียงใหม่', '清迈', 18.7883, 98.9853),
      city('Khon Kaen', 'ขอนแก่น', '孔敬', 16.4419, 102.8360),
      city('Hat Yai', 'หาดใหญ่', '合艾', 7.0084, 100.4747),
      city('Nakhon Ratchasima', 'นครราชสีมา', '呵叻', 14.9799, 102.0978),
      city('Ubon Ratchathani', 'อุบลราชธานี', '乌汶', 15.2448, 104.8473),
      city('Phitsanulok', 'พิษณุโลก', '彭世洛', 16.8211, 100.2659),
    ],
    callingCode: '+66',
    currency: 'THB',
    perCny: 5,
    brands: [['สยาม', 'Siam'], ['ล้านนา', 'Lanna'], ['อันดามัน', 'Andaman'], ['เจ้าพระยา', 'Chao Phraya']],
    activityWeight: 14,
    since: 2012,
  },
  TL: {
    code: 'TL',
    titleLanguage: 'pt',
    localName: 'Timor-Leste',
    localChina: 'China',
    cities: [
      city('Dili', 'Díli', '帝力', -8.5569, 125.5603),
      city('Baucau', 'Baucau', '包考', -8.4664, 126.4520),
      city('Maliana', 'Maliana', '马利亚纳', -8.9914, 125.2197),
      city('Suai', 'Suai', '苏艾', -9.3129, 125.2565),
      city('Lospalos', 'Lospalos', '洛斯帕洛斯', -8.5186, 127.0025),
    ],
    callingCode: '+670',
    currency: 'USD',
    perCny: 0.14,
    brands: [['Lafaek', 'Lafaek'], ['Tasi', 'Tasi'], ['Matebian', 'Matebian']],
    activityWeight: 3,
    since: 2022,
  },
  VN: {
    code: 'VN',
    titleLanguage: 'vi',
    localName: 'Việt Nam',
    localChina: 'Trung Quốc',
    cities: [
      city('Hanoi', 'Hà Nội', '河内', 21.0278, 105.8342),
      city('Ho Chi Minh City', 'Thành phố Hồ Chí Minh', '胡志明市', 10.8231, 106.6297),
      city('Da Nang', 'Đà Nẵng', '岘港', 16.0544, 108.2022),
      city('Can Tho', 'Cần Thơ', '芹苴', 10.0452, 105.7469),
      city('Hue', 'Huế', '顺化', 16.4637, 107.5909),
      city('Hai Phong', 'Hải Phòng', '海防', 20.8449, 106.6881),
      city('Thai Nguyen', 'Thái Nguyên', '太原', 21.5942, 105.8482),
    ],
    callingCode: '+84',
    currency: 'VND',
    perCny: 3500,
    brands: [['Sao Mai', 'Sao Mai'], ['Hồng Hà', 'Hong Ha'], ['Phương Nam', 'Phuong Nam'], ['Việt Tiến', 'Viet Tien']],
    activityWeight: 12,
    since: 2012,
  },
  CN: {
    code: 'CN',
    titleLanguage: 'zh',
    localName: '中国',
    localChina: '中国',
    cities: [
      city('Nanning', '南宁', '南宁', 22.8170, 108.3665),
      city('Kunming', '昆明', '昆明', 25.0389, 102.7183),
      city('Beijing', '北京', '北京', 39.9042, 116.4074),
      city('Guangzhou', '广州', '广州', 23.1291, 113.2644),
      city('Guilin', '桂林', '桂林', 25.2736, 110.2900),
      city('Shanghai', '上海', '上海', 31.2304, 121.4737),
      city('Wuhan', '武汉', '武汉', 30.5928, 114.3055),
      city('Chengdu', '成都', '成都', 30.5728, 104.0668),
      city('Hangzhou', '杭州', '杭州', 30.2741, 120.1551),
      city('Xiamen', '厦门', '厦门', 24.4798, 118.0894),
    ],
    callingCode: '+86',
    currency: 'CNY',
    perCny: 1,
    brands: [['华科', 'Huake'], ['中科', 'Zhongke'], ['东方', 'Dongfang'], ['桂海', 'Guihai'], ['云岭', 'Yunling'], ['南方', 'Nanfang']],
    activityWeight: 0,
    since: 2012,
  },
};

export const aseanCodes: readonly CountryCode[] = ['BN', 'KH', 'ID', 'LA', 'MY', 'MM', 'PH', 'SG', 'TH', 'TL', 'VN'];
