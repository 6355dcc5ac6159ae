import type { LocalizedText } from '../domain/common';
import type { CountryCode } from '../domain/taxonomy/countries';
import type { OrganizationType } from '../domain/taxonomy/organizationTypes';
import { countryProfiles, type City } from './places';
import type { Random } from './random';
import type { TitleLanguage } from './topics';

/** A real, well-known institution of the program (public bodies and universities), created first. */
export interface KeyOrganization {
  name: LocalizedText;
  acronym?: string;
  type: OrganizationType;
  country: CountryCode;
  city: string;
}

const key = (country: CountryCode, type: OrganizationType, city: string, name: LocalizedText, acronym?: string): KeyOrganization =>
  acronym ? { country, type, city, name, acronym } : { country, type, city, name };

export const keyOrganizations: readonly KeyOrganization[] = [
  key('CN', 'government-ministry', 'Beijing', { zh: '中华人民共和国科学技术部', en: "Ministry of Science and Technology of the People's Republic of China" }, 'MOST'),
  key('CN', 'government-ministry', 'Beijing', { zh: '中国科学技术交流中心', en: 'China Science and Technology Exchange Center' }, 'CSTEC'),
  key('CN', 'government-ministry', 'Nanning', { zh: '中国—东盟技术转移中心', en: 'China-ASEAN Technology Transfer Center' }, 'CATTC'),
  key('CN', 'local-government', 'Nanning', { zh: '广西壮族自治区科学技术厅', en: 'Department of Science and Technology of Guangxi Zhuang Autonomous Region' }),
  key('CN', 'local-government', 'Kunming', { zh: '云南省科学技术厅', en: 'Department of Science and Technology of Yunnan Province' }),
  key('CN', 'public-research-institute', 'Beijing', { zh: '中国科学院', en: 'Chinese Academy of Sciences' }, 'CAS'),
  key('CN', 'public-research-institute', 'Beijing', { zh: '中国农业科学院', en: 'Chinese Academy of Agricultural Sciences' }, 'CAAS'),
  key('CN', 'university', 'Nanning', { zh: '广西大学', en: 'Guangxi University' }, 'GXU'),
  key('CN', 'university', 'Kunming', { zh: '云南大学', en: 'Yunnan University' }, 'YNU'),
  key('ID', 'multilateral', 'Jakarta', { en: 'ASEAN Secretariat', zh: '东盟秘书处' }),
  key('ID', 'foundation', 'Jakarta', { en: 'ASEAN Foundation' }),
  key('BN', 'government-ministry', 'Bandar Seri Begawan', { ms: 'Kementerian Pengangkutan dan Infokomunikasi', en: 'Ministry of Transport and Infocommunications' }, 'MTIC'),
  key('BN', 'university', 'Bandar Seri Begawan', { ms: 'Universiti Brunei Darussalam', en: 'Universiti Brunei Darussalam' }, 'UBD'),
  key('KH', 'government-ministry', 'Phnom Penh', { km: 'ក្រសួងឧស្សាហកម្ម វិទ្យាសាស្ត្រ បច្ចេកវិទ្យា និងនវានុវត្តន៍', en: 'Ministry of Industry, Science, Technology and Innovation' }, 'MISTI'),
  key('KH', 'university', 'Phnom Penh', { km: 'សាកលវិទ្យាល័យភូមិន្ទភ្នំពេញ', en: 'Royal University of Phnom Penh' }, 'RUPP'),
  key('KH', 'university', 'Phnom Penh', { km: 'សាកលវិទ្យាល័យភូមិន្ទកសិកម្ម', en: 'Royal University of Agriculture' }, 'RUA'),
  key('ID', 'government-ministry', 'Jakarta', { id: 'Badan Riset dan Inovasi Nasional', en: 'National Research and Innovation Agency' }, 'BRIN'),
  key('ID', 'university', 'Bogor', { id: 'Institut Pertanian Bogor', en: 'IPB University' }, 'IPB'),
  key('ID', 'university', 'Bandung', { id: 'Institut Teknologi Bandung', en: 'Bandung Institute of Technology' }, 'ITB'),
  key('LA', 'government-ministry', 'Vientiane', { lo: 'ກະຊວງເຕັກໂນໂລຊີ ແລະ ການສື່ສານ', en: 'Ministry of Technology and Communications' }, 'MTC'),
  key('LA', 'university', 'Vientiane', { lo: 'ມະຫາວິທະຍາໄລແຫ່ງຊາດ', en: 'National University of Laos' }, 'NUOL'),
  key('MY', 'government-ministry', 'Putrajaya', { ms: 'Kementerian Sains, Teknologi dan Inovasi', en: 'Ministry of Science, Technology and Innovation' }, 'MOSTI'),
  key('MY', 'university', 'Serdang', { ms: 'Universiti Putra Malaysia', en: 'Universiti Putra Malaysia' }, 'UPM'),
  key('MY', 'university', 'Kuala Lumpur', { ms: 'Universiti Malaya', en: 'Universiti Malaya', zh: '马来亚大学' }, 'UM'),
  key('MM', 'government-ministry', 'Nay Pyi Taw', { my: 'သိပ္ပံနှင့်နည်းပညာဝန်ကြီးဌာန', en: 'Ministry of Science and Technology' }, 'MOST'),
  key('MM', 'university', 'Yangon', { my: 'ရန်ကုန်နည်းပညာတက္ကသိုလ်', en: 'Yangon Technological University' }, 'YTU'),
  key('MM', 'university', 'Nay Pyi Taw', { my: 'ရေဆင်းစိုက်ပျိုးရေးတက္ကသိုလ်', en: 'Yezin Agricultural University' }, 'YAU'),
  key('PH', 'government-ministry', 'Taguig', { en: 'Department of Science and Technology', fil: 'Kagawaran ng Agham at Teknolohiya' }, 'DOST'),
  key('PH', 'university', 'Los Baños', { en: 'University of the Philippines Los Baños' }, 'UPLB'),
  key('SG', 'government-ministry', 'one-north', { en: 'Agency for Science, Technology and Research', zh: '新加坡科技研究局' }, 'A*STAR'),
  key('SG', 'university', 'Jurong', { en: 'Nanyang Technological University', zh: '南洋理工大学' }, 'NTU'),
  key('SG', 'university', 'Kent Ridge', { en: 'National University of Singapore', zh: '新加坡国立大学' }, 'NUS'),
  key('TH', 'government-ministry', 'Bangkok', { th: 'กระทรวงการอุดมศึกษา วิทยาศาสตร์ วิจัยและนวัตกรรม', en: 'Ministry of Higher Education, Science, Research and Innovation' }, 'MHESI'),
  key('TH', 'public-research-institute', 'Pathum Thani', { th: 'สำนักงานพัฒนาวิทยาศาสตร์และเทคโนโลยีแห่งชาติ', en: 'National Science and Technology Development Agency' }, 'NSTDA'),
  key('TH', 'university', 'Khon Kaen', { th: 'มหาวิทยาลัยขอนแก่น', en: 'Khon Kaen University' }, 'KKU'),
  key('TH', 'university', 'Chiang Mai', { th: 'มหาวิทยาลัยเชียงใหม่', en: 'Chiang Mai University' }, 'CMU'),
  key('TL', 'government-ministry', 'Dili', { pt: 'Ministério do Ensino Superior, Ciência e Cultura', en: 'Ministry of Higher Education, Science and Culture' }, 'MESCC'),
  key('TL', 'university', 'Dili', { pt: "Universidade Nacional Timor Lorosa'e", en: "National University of Timor Lorosa'e" }, 'UNTL'),
  key('VN', 'government-ministry', 'Hanoi', { vi: 'Bộ Khoa học và Công nghệ', en: 'Ministry of Science and Technology' }, 'MOST'),
  key('VN', 'public-research-institute', 'Hanoi', { vi: 'Viện Hàn lâm Khoa học và Công nghệ Việt Nam', en: 'Vietnam Academy of Science and Technology' }, 'VAST'),
  key('VN', 'university', 'Hanoi', { vi: 'Học viện Nông nghiệp Việt Nam', en: 'Vietnam National University of Agriculture' }, 'VNUA'),
  key('VN', 'university', 'Hanoi', { vi: 'Đại học Bách khoa Hà Nội', en: 'Hanoi University of Science and Technology' }, 'HUST'),
];

type NameLanguage = Exclude<TitleLanguage, never>;
type CityName = (city: string) => string;

/** Research fields that institutes are named after, in each language. */
const fields: readonly Record<NameLanguage, string>[] = [
  { en: 'Agriculture', zh: '农业', th: 'เกษตร', vi: 'Nông nghiệp', id: 'Pertanian', ms: 'Pertanian', km: 'កសិកម្ម', lo: 'ກະສິກຳ', my: 'စိုက်ပျိုးရေး', pt: 'Agricultura' },
  { en: 'Food Science', zh: '食品科学', th: 'วิทยาศาสตร์การอาหาร', vi: 'Khoa học Thực phẩm', id: 'Ilmu Pangan', ms: 'Sains Makanan', km: 'វិទ្យាសាស្ត្រម្ហូបអាហារ', lo: 'ວິທະຍາສາດອາຫານ', my: 'စားသောက်ကုန်သိပ္ပံ', pt: 'Ciência Alimentar' },
  { en: 'Health Sciences', zh: '健康科学', th: 'วิทยาศาสตร์สุขภาพ', vi: 'Khoa học Sức khỏe', id: 'Ilmu Kesehatan', ms: 'Sains Kesihatan', km: 'វិទ្យាសាស្ត្រសុខាភិបាល', lo: 'ວິທະຍາສາດສຸຂະພາບ', my: 'ကျန်းမာရေးသိပ္ပံ', pt: 'Ciências da Saúde' },
  { en: 'Water Resources', zh: '水资源', th: 'ทรัพยากรน้ำ', vi: 'Tài nguyên Nước', id: 'Sumber Daya Air', ms: 'Sumber Air', km: 'ធនធានទឹក', lo: 'ຊັບພະຍາກອນນ້ຳ', my: 'ရေအရင်းအမြစ်', pt: 'Recursos Hídricos' },
  { en: 'Environment and Energy', zh: '环境与能源', th: 'สิ่งแวดล้อมและพลังงาน', vi: 'Môi trường và Năng lượng', id: 'Lingkungan dan Energi', ms: 'Alam Sekitar dan Tenaga', km: 'បរិស្ថាន និងថាមពល', lo: 'ສິ່ງແວດລ້ອມ ແລະ ພະລັງງານ', my: 'ပတ်ဝန်းကျင်နှင့် စွမ်းအင်', pt: 'Ambiente e Energia' },
  { en: 'Materials Science', zh: '材料科学', th: 'วิทยาศาสตร์วัสดุ', vi: 'Khoa học Vật liệu', id: 'Ilmu Material', ms: 'Sains Bahan', km: 'វិទ្យាសាស្ត្រសម្ភារៈ', lo: 'ວິທະຍາສາດວັດສະດຸ', my: 'ပစ္စည်းသိပ္ပံ', pt: 'Ciência dos Materiais' },
  { en: 'Information Technology', zh: '信息技术', th: 'เทคโนโลยีสารสนเทศ', vi: 'Công nghệ Thông tin', id: 'Teknologi Informasi', ms: 'Teknologi Maklumat', km: 'បច្ចេកវិទ្យាព័ត៌មាន', lo: 'ເຕັກໂນໂລຊີຂໍ້ມູນຂ່າວສານ', my: 'သတင်းအချက်အလက်နည်းပညာ', pt: 'Tecnologia da Informação' },
  { en: 'Disaster Risk Reduction', zh: '防灾减灾', th: 'การลดความเสี่ยงจากภัยพิบัติ', vi: 'Phòng chống Thiên tai', id: 'Penanggulangan Bencana', ms: 'Pengurangan Risiko Bencana', km: 'កាត់បន្ថយហានិភ័យគ្រោះមហន្តរាយ', lo: 'ຫຼຸດຜ່ອນຄວາມສ່ຽງໄພພິບັດ', my: 'သဘာဝဘေးအန္တရာယ်လျှော့ချရေး', pt: 'Redução do Risco de Desastres' },
  { en: 'Space Technology', zh: '空间技术', th: 'เทคโนโลยีอวกาศ', vi: 'Công nghệ Vũ trụ', id: 'Teknologi Antariksa', ms: 'Teknologi Angkasa', km: 'បច្ចេកវិទ្យាអវកាស', lo: 'ເຕັກໂນໂລຊີອາວະກາດ', my: 'အာကာသနည်းပညာ', pt: 'Tecnologia Espacial' },
  { en: 'Mechanical Engineering', zh: '机械工程', th: 'วิศวกรรมเครื่องกล', vi: 'Cơ khí', id: 'Teknik Mesin', ms: 'Kejuruteraan Mekanikal', km: 'វិស្វកម្មមេកានិច', lo: 'ວິສະວະກຳກົນຈັກ', my: 'စက်မှုအင်ဂျင်နီယာ', pt: 'Engenharia Mecânica' },
];

/** Company lines of business, as they appear in company names. */
const sectors: readonly Record<NameLanguage, string>[] = [
  { en: 'Seeds', zh: '种业', th: 'เมล็ดพันธุ์', vi: 'Giống cây trồng', id: 'Benih', ms: 'Benih', km: 'គ្រាប់ពូជ', lo: 'ແນວພັນ', my: 'မျိုးစေ့', pt: 'Sementes' },
  { en: 'Solar', zh: '光伏', th: 'โซลาร์', vi: 'Năng lượng Mặt trời', id: 'Energi Surya', ms: 'Tenaga Suria', km: 'សូឡា', lo: 'ໂຊລາ', my: 'ဆိုလာ', pt: 'Energia Solar' },
  { en: 'Digital', zh: '数字科技', th: 'ดิจิทัล', vi: 'Công nghệ Số', id: 'Teknologi Digital', ms: 'Teknologi Digital', km: 'ឌីជីថល', lo: 'ດິຈິຕອນ', my: 'ဒစ်ဂျစ်တယ်', pt: 'Tecnologia Digital' },
  { en: 'Foods', zh: '食品', th: 'ฟู้ดส์', vi: 'Thực phẩm', id: 'Pangan', ms: 'Makanan', km: 'អាហារ', lo: 'ອາຫານ', my: 'စားသောက်ကုန်', pt: 'Alimentos' },
  { en: 'Water Tech', zh: '水务科技', th: 'วอเตอร์เทค', vi: 'Công nghệ Nước', id: 'Teknologi Air', ms: 'Teknologi Air', km: 'បច្ចេកវិទ្យាទឹក', lo: 'ເຕັກໂນໂລຊີນ້ຳ', my: 'ရေနည်းပညာ', pt: 'Tecnologia da Água' },
  { en: 'Medical', zh: '医疗器械', th: 'เมดิคอล', vi: 'Thiết bị Y tế', id: 'Alat Kesehatan', ms: 'Peranti Perubatan', km: 'វេជ្ជសាស្ត្រ', lo: 'ການແພດ', my: 'ဆေးပစ္စည်း', pt: 'Equipamentos Médicos' },
];

interface NamePatterns {
  university: readonly [CityName, CityName, CityName];
  institute: (city: string, field: string) => string;
  enterprise: (brand: string, sector: string) => string;
  park: CityName;
  trainingCenter: CityName;
  localGovernment: CityName;
}

const patterns: Record<NameLanguage, NamePatterns> = {
  en: {
    university: [(c) => `${c} University`, (c) => `${c} University of Technology`, (c) => `${c} Agricultural University`],
    institute: (c, f) => `${c} Research Institute of ${f}`,
    enterprise: (b, s) => `${b} ${s} Co., Ltd.`,
    park: (c) => `${c} Science and Technology Park`,
    trainingCenter: (c) => `${c} Technical Training Center`,
    localGovernment: (c) => `${c} Department of Science and Technology`,
  },
  zh: {
    university: [(c) => `${c}大学`, (c) => `${c}理工大学`, (c) => `${c}农业大学`],
    institute: (c, f) => `${c}${f}研究所`,
    enterprise: (b, s) => `${b}${s}有限公司`,
    park: (c) => `${c}科技园`,
    trainingCenter: (c) => `${c}技术培训中心`,
    localGovernment: (c) => `${c}市科学技术局`,
  },
  th: {
    university: [(c) => `มหาวิทยาลัย${c}`, (c) => `มหาวิทยาลัยเทคโนโลยี${c}`, (c) => `มหาวิทยาลัยเกษตรศาสตร์${c}`],
    institute: (c, f) => `สถาบันวิจัย${f}${c}`,
    enterprise: (b, s) => `บริษัท ${b}${s} จำกัด`,
    park: (c) => `อุทยานวิทยาศาสตร์${c}`,
    trainingCenter: (c) => `ศูนย์ฝึกอบรมเทคนิค${c}`,
    localGovernment: (c) => `สำนักงานวิทยาศาสตร์และเทคโนโลยี${c}`,
  },
  vi: {
    university: [(c) => `Trường Đại học ${c}`, (c) => `Trường Đại học Bách khoa ${c}`, (c) => `Trường Đại học Nông Lâm ${c}`],
    institute: (c, f) => `Viện Nghiên cứu ${f} ${c}`,
    enterprise: (b, s) => `Công ty TNHH ${s} ${b}`,
    park: (c) => `Khu Công nghệ cao ${c}`,
    trainingCenter: (c) => `Trung tâm Đào tạo Kỹ thuật ${c}`,
    localGovernment: (c) => `Sở Khoa học và Công nghệ ${c}`,
  },
  id: {
    university: [(c) => `Universitas ${c}`, (c) => `Institut Teknologi ${c}`, (c) => `Institut Pertanian ${c}`],
    institute: (c, f) => `Pusat Riset ${f} ${c}`,
    enterprise: (b, s) => `PT ${b} ${s}`,
    park: (c) => `Kawasan Sains dan Teknologi ${c}`,
    trainingCenter: (c) => `Balai Pelatihan Teknik ${c}`,
    localGovernment: (c) => `Badan Riset dan Inovasi Daerah ${c}`,
  },
  ms: {
    university: [(c) => `Universiti ${c}`, (c) => `Universiti Teknologi ${c}`, (c) => `Universiti Pertanian ${c}`],
    institute: (c, f) => `Institut Penyelidikan ${f} ${c}`,
    enterprise: (b, s) => `${b} ${s} Sdn. Bhd.`,
    park: (c) => `Taman Sains dan Teknologi ${c}`,
    trainingCenter: (c) => `Pusat Latihan Teknikal ${c}`,
    localGovernment: (c) => `Jabatan Sains dan Teknologi ${c}`,
  },
  km: {
    university: [(c) => `សាកលវិទ្យាល័យ${c}`, (c) => `វិទ្យាស្ថានបច្ចេកវិទ្យា${c}`, (c) => `សាកលវិទ្យាល័យកសិកម្ម${c}`],
    institute: (c, f) => `វិទ្យាស្ថានស្រាវជ្រាវ${f} ${c}`,
    enterprise: (b, s) => `ក្រុមហ៊ុន ${b}${s} ឯ.ក`,
    park: (c) => `ឧទ្យានវិទ្យាសាស្ត្រ និងបច្ចេកវិទ្យា${c}`,
    trainingCenter: (c) => `មជ្ឈមណ្ឌលបណ្តុះបណ្តាលបច្ចេកទេស${c}`,
    localGovernment: (c) => `មន្ទីរឧស្សាហកម្ម វិទ្យាសាស្ត្រ បច្ចេកវិទ្យា និងនវានុវត្តន៍${c}`,
  },
  lo: {
    university: [(c) => `ມະຫາວິທະຍາໄລ${c}`, (c) => `ສະຖາບັນເຕັກໂນໂລຊີ${c}`, (c) => `ມະຫາວິທະຍາໄລກະສິກຳ${c}`],
    institute: (c, f) => `ສະຖາບັນຄົ້ນຄວ້າ${f} ${c}`,
    enterprise: (b, s) => `ບໍລິສັດ ${b}${s} ຈຳກັດ`,
    park: (c) => `ສວນວິທະຍາສາດ ແລະ ເຕັກໂນໂລຊີ${c}`,
    trainingCenter: (c) => `ສູນຝຶກອົບຮົມວິຊາການ${c}`,
    localGovernment: (c) => `ພະແນກເຕັກໂນໂລຊີ ແລະ ການສື່ສານ ${c}`,
  },
  my: {
    university: [(c) => `${c}တက္ကသိုလ်`, (c) => `${c}နည်းပညာတက္ကသိုလ်`, (c) => `${c}စိုက်ပျိုးရေးတက္ကသိုလ်`],
    institute: (c, f) => `${c} ${f}သုတေသနဌာန`,
    enterprise: (b, s) => `${b}${s} ကုမ္ပဏီလီမိတက်`,
    park: (c) => `${c} သိပ္ပံနှင့်နည်းပညာဥယျာဉ်`,
    trainingCenter: (c) => `${c} နည်းပညာလေ့ကျင့်ရေးစင်တာ`,
    localGovernment: (c) => `${c} သိပ္ပံနှင့်နည်းပညာဦးစီးဌာန`,
  },
  pt: {
    university: [(c) => `Universidade de ${c}`, (c) => `Instituto Politécnico de ${c}`, (c) => `Universidade Agrícola de ${c}`],
    institute: (c, f) => `Instituto de Investigação em ${f} de ${c}`,
    enterprise: (b, s) => `${b} ${s}, Lda.`,
    park: (c) => `Parque de Ciência e Tecnologia de ${c}`,
    trainingCenter: (c) => `Centro de Formação Técnica de ${c}`,
    localGovernment: (c) => `Direção de Ciência e Tecnologia de ${c}`,
  },
};

const companySuffix: Partial<Record<CountryCode, (name: string) => string>> = {
  MY: (n) => `${n} Sdn. Bhd.`,
  BN: (n) => `${n} Sdn. Bhd.`,
  SG: (n) => `${n} Pte. Ltd.`,
  ID: (n) => `PT ${n}`,
  PH: (n) => `${n}, Inc.`,
  TL: (n) => `${n}, Lda.`,
};

export interface GeneratedOrganization {
  name: LocalizedText;
  acronym?: string;
  type: OrganizationType;
  city: City;
}

/** Generated organization types and how often each occurs. */
const generatedTypes: readonly OrganizationType[] = ['university', 'public-research-institute', 'enterprise', 'science-park', 'training-institution', 'local-government', 'national-ngo'];
const generatedWeights: readonly number[] = [24, 26, 26, 6, 8, 8, 2];

/** Initials that spell an unfortunate English word. */
const awkwardAcronyms = new Set(['BUT', 'CRIME', 'SUT', 'MUT', 'BAU', 'HUT', 'NUT', 'CUT', 'PUT', 'GUT', 'RUT', 'TUT', 'BAT', 'CAT', 'RAT', 'SAD', 'BAD', 'MAD', 'KILL', 'DIE']);

function acronymOf(english: string): string | undefined {
  const letters = english
    .split(/[\s-]+/)
    .filter((word) => /^[A-Z]/.test(word))
    .map((word) => word[0])
    .join('');
  return letters.length >= 3 && letters.length <= 8 && !awkwardAcronyms.has(letters) && !letters.endsWith('RIME') ? letters : undefined;
}

/** A made-up but plausible organization of `country`, named in English and the local language. */
export function generateOrganization(random: Random, country: CountryCode): GeneratedOrganization {
  const profile = countryProfiles[country];
  const city = random.pick(profile.cities);
  const drawn = random.weighted(generatedTypes, generatedWeights);
  // Singapore is a city-state: no provincial S&T departments.
  const type: OrganizationType = country === 'SG' && drawn === 'local-government' ? 'public-research-institute' : drawn;
  const local = profile.titleLanguage;
  const names: Partial<Record<NameLanguage, string>> = {};
  const cityIn = (language: NameLanguage) => (language === 'en' ? city.en : language === 'zh' ? city.zh : city.local);
  const languages: NameLanguage[] = ['en'];
  if (local) languages.push(local);
  if ((country === 'SG' || country === 'MY') && random.chance(country === 'SG' ? 0.6 : 0.2)) languages.push('zh');

  if (type === 'enterprise') {
    const [brandLocal, brandRoman] = random.pick(profile.brands);
    const sector = random.pick(sectors);
    for (const language of languages) {
      if (language === 'en') {
        const base = `${brandRoman} ${sector.en}`;
        names.en = companySuffix[country]?.(base) ?? `${base} Co., Ltd.`;
      } else {
        const brand = language === local ? brandLocal : brandRoman;
        names[language] = patterns[language].enterprise(brand, sector[language]);
      }
    }
    return { name: names, type, city };
  }

  const variant = random.int(0, 2);
  const field = random.pick(fields);
  let acronymSource = '';
  for (const language of languages) {
    const p = patterns[language];
    const c = cityIn(language);
    let text: string;
    switch (type) {
      case 'university':
        text = p.university[variant as 0 | 1 | 2](c);
        break;
      case 'public-research-institute':
        text = p.institute(c, field[language]);
        break;
      case 'science-park':
        text = p.park(c);
        break;
      case 'training-institution':
        text = p.trainingCenter(c);
        break;
      case 'local-government':
        text = p.localGovernment(c);
        break;
      default:
        // National NGOs (professional associations) go by their English name; Chinese where the country writes it.
        if (language !== 'en' && language !== 'zh') continue;
        text = language === 'en' ? `${city.en} Association for ${field.en}` : `${city.zh}${field.zh}协会`;
    }
    names[language] = text;
    if (language === 'en') acronymSource = text;
  }
  // Local-government and NGO names read oddly with an English-only acronym; universities and institutes often have one.
  const acronym = (type === 'university' || type === 'public-research-institute') && random.chance(0.6) ? acronymOf(acronymSource) : undefined;
  return acronym ? { name: names, acronym, type, city } : { name: names, type, city };
}
