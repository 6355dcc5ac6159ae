import type { ActivityKind } from '../domain/taxonomy/modalities';
import type { TitleLanguage } from './topics';

/** What a title or description template may mention, already in the template's language. */
export interface TextContext {
  topic: string;
  /** The host country's name and China's name, in the template's language. */
  country: string;
  /** The country's name inside a sentence (English: "the Philippines"); same as `country` elsewhere. */
  countryRef: string;
  china: string;
  city: string;
  year: number;
  edition: number;
  /** For science parks: a demonstration zone rather than a park. */
  zone: boolean;
  count: number;
  days: number;
  months: number;
  years: number;
}

type Template = (c: TextContext) => string;

/** "An 8-day course", "a 5-day course". */
const anOrA = (n: number): string => (String(n).startsWith('8') || n === 11 || n === 18 ? 'An' : 'A');

const ordinal = (n: number): string => {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
};

/** Activity titles by kind and language. English and Chinese exist for every kind; so do the host languages. */
export const titleTemplates: Record<ActivityKind, Record<TitleLanguage, Template>> = {
  'policy-consultancy': {
    en: (c) => `Policy consultancy on ${c.topic} for ${c.countryRef}`,
    zh: (c) => `${c.country}${c.topic}政策咨询`,
    th: (c) => `การให้คำปรึกษาเชิงนโยบายด้าน${c.topic}`,
    vi: (c) => `Tư vấn chính sách về ${c.topic}`,
    id: (c) => `Konsultasi kebijakan tentang ${c.topic}`,
    ms: (c) => `Perundingan dasar mengenai ${c.topic}`,
    km: (c) => `ការប្រឹក្សាគោលនយោបាយស្តីពី${c.topic}`,
    lo: (c) => `ການໃຫ້ຄຳປຶກສາດ້ານນະໂຍບາຍກ່ຽວກັບ${c.topic}`,
    my: (c) => `${c.topic}ဆိုင်ရာ မူဝါဒအကြံပေးခြင်း`,
    pt: (c) => `Consultoria de políticas sobre ${c.topic}`,
  },
  'task-force-mission': {
    en: (c) => `Technical Task Force mission to ${c.countryRef}: ${c.topic}`,
    zh: (c) => `赴${c.country}${c.topic}技术特派团`,
    th: (c) => `คณะผู้เชี่ยวชาญเทคนิคด้าน${c.topic}`,
    vi: (c) => `Đoàn chuyên gia kỹ thuật về ${c.topic}`,
    id: (c) => `Misi Satuan Tugas Teknis: ${c.topic}`,
    ms: (c) => `Misi Pasukan Petugas Teknikal: ${c.topic}`,
    km: (c) => `បេសកកម្មក្រុមការងារបច្ចេកទេសស្តីពី${c.topic}`,
    lo: (c) => `ຄະນະຊ່ຽວຊານດ້ານວິຊາການກ່ຽວກັບ${c.topic}`,
    my: (c) => `${c.topic}ဆိုင်ရာ နည်းပညာအထူးအဖွဲ့`,
    pt: (c) => `Missão da Equipa Técnica sobre ${c.topic}`,
  },
  'volunteer-assignment': {
    en: (c) => `Technology volunteer in ${c.topic}, ${c.city}`,
    zh: (c) => `${c.city}${c.topic}科技志愿者服务`,
    th: (c) => `อาสาสมัครเทคโนโลยีด้าน${c.topic} ${c.city}`,
    vi: (c) => `Tình nguyện viên công nghệ về ${c.topic} tại ${c.city}`,
    id: (c) => `Relawan teknologi bidang ${c.topic}, ${c.city}`,
    ms: (c) => `Sukarelawan teknologi dalam ${c.topic}, ${c.city}`,
    km: (c) => `អ្នកស្ម័គ្រចិត្តបច្ចេកវិទ្យាផ្នែក${c.topic} ${c.city}`,
    lo: (c) => `ອາສາສະໝັກເຕັກໂນໂລຊີດ້ານ${c.topic} ${c.city}`,
    my: (c) => `${c.city} ${c.topic}ဆိုင်ရာ နည်းပညာစေတနာ့ဝန်ထမ်း`,
    pt: (c) => `Voluntário tecnológico em ${c.topic}, ${c.city}`,
  },
  'training-center': {
    en: (c) => `China-${c.country} training center for ${c.topic}`,
    zh: (c) => `中国—${c.country}${c.topic}培训中心`,
    th: (c) => `ศูนย์ฝึกอบรมจีน–ไทยด้าน${c.topic}`,
    vi: (c) => `Trung tâm đào tạo Trung Quốc – Việt Nam về ${c.topic}`,
    id: (c) => `Pusat pelatihan Tiongkok–Indonesia untuk ${c.topic}`,
    ms: (c) => `Pusat latihan China–${c.country} bagi ${c.topic}`,
    km: (c) => `មជ្ឈមណ្ឌលបណ្តុះបណ្តាលចិន-កម្ពុជាផ្នែក${c.topic}`,
    lo: (c) => `ສູນຝຶກອົບຮົມ ລາວ-ຈີນ ດ້ານ${c.topic}`,
    my: (c) => `တရုတ်-မြန်မာ ${c.topic} လေ့ကျင့်ရေးစင်တာ`,
    pt: (c) => `Centro de formação China–Timor-Leste em ${c.topic}`,
  },
  'training-course': {
    en: (c) => `Training course on ${c.topic} for ASEAN countries (${c.year})`,
    zh: (c) => `${c.year}年${c.topic}国际培训班`,
    th: (c) => `หลักสูตรฝึกอบรมด้าน${c.topic} สำหรับประเทศอาเซียน (${c.year})`,
    vi: (c) => `Khóa đào tạo về ${c.topic} cho các nước ASEAN (${c.year})`,
    id: (c) => `Pelatihan ${c.topic} untuk negara-negara ASEAN (${c.year})`,
    ms: (c) => `Kursus latihan ${c.topic} untuk negara ASEAN (${c.year})`,
    km: (c) => `វគ្គបណ្តុះបណ្តាលស្តីពី${c.topic} សម្រាប់ប្រទេសអាស៊ាន (${c.year})`,
    lo: (c) => `ຫຼັກສູດຝຶກອົບຮົມກ່ຽວກັບ${c.topic} ສຳລັບປະເທດອາຊຽນ (${c.year})`,
    my: (c) => `အာဆီယံနိုင်ငံများအတွက် ${c.topic} သင်တန်း (${c.year})`,
    pt: (c) => `Curso de formação em ${c.topic} para os países da ASEAN (${c.year})`,
  },
  fellowship: {
    en: (c) => `Talented Young Scientist fellowship: ${c.topic}`,
    zh: (c) => `杰出青年科学家来华工作计划：${c.topic}`,
    th: (c) => `ทุนนักวิทยาศาสตร์รุ่นใหม่ในจีน: ${c.topic}`,
    vi: (c) => `Học bổng nhà khoa học trẻ tại Trung Quốc: ${c.topic}`,
    id: (c) => `Beasiswa ilmuwan muda berbakat di Tiongkok: ${c.topic}`,
    ms: (c) => `Fellowship saintis muda berbakat di China: ${c.topic}`,
    km: (c) => `អាហារូបករណ៍អ្នកវិទ្យាសាស្ត្រវ័យក្មេងនៅប្រទេសចិន៖ ${c.topic}`,
    lo: (c) => `ທຶນນັກວິທະຍາສາດໜຸ່ມໃນປະເທດຈີນ: ${c.topic}`,
    my: (c) => `တရုတ်နိုင်ငံရှိ လူငယ်သိပ္ပံပညာရှင် ပညာသင်ဆု - ${c.topic}`,
    pt: (c) => `Bolsa para jovens cientistas na China: ${c.topic}`,
  },
  'joint-research-project': {
    en: (c) => `Joint research on ${c.topic}`,
    zh: (c) => `${c.topic}联合研究`,
    th: (c) => `การวิจัยร่วมด้าน${c.topic}`,
    vi: (c) => `Nghiên cứu chung về ${c.topic}`,
    id: (c) => `Riset bersama tentang ${c.topic}`,
    ms: (c) => `Penyelidikan bersama mengenai ${c.topic}`,
    km: (c) => `ការស្រាវជ្រាវរួមគ្នាស្តីពី${c.topic}`,
    lo: (c) => `ການຄົ້ນຄວ້າຮ່ວມກັນກ່ຽວກັບ${c.topic}`,
    my: (c) => `${c.topic}ဆိုင်ရာ ပူးတွဲသုတေသန`,
    pt: (c) => `Investigação conjunta sobre ${c.topic}`,
  },
  'joint-lab': {
    en: (c) => `China-${c.country} joint laboratory for ${c.topic}`,
    zh: (c) => `中国—${c.country}${c.topic}联合实验室`,
    th: (c) => `ห้องปฏิบัติการร่วมจีน–ไทยด้าน${c.topic}`,
    vi: (c) => `Phòng thí nghiệm chung Trung Quốc – Việt Nam về ${c.topic}`,
    id: (c) => `Laboratorium bersama Tiongkok–Indonesia untuk ${c.topic}`,
    ms: (c) => `Makmal bersama China–${c.country} bagi ${c.topic}`,
    km: (c) => `មន្ទីរពិសោធន៍រួមចិន-កម្ពុជាផ្នែក${c.topic}`,
    lo: (c) => `ຫ້ອງທົດລອງຮ່ວມ ລາວ-ຈີນ ດ້ານ${c.topic}`,
    my: (c) => `တရုတ်-မြန်မာ ${c.topic} ပူးတွဲဓာတ်ခွဲခန်း`,
    pt: (c) => `Laboratório conjunto China–Timor-Leste de ${c.topic}`,
  },
  'science-park': {
    en: (c) => (c.zone ? `China-${c.country} demonstration zone for ${c.topic}` : `China-${c.country} science and technology park, ${c.city}`),
    zh: (c) => (c.zone ? `中国—${c.country}${c.topic}示范区` : `${c.city}中国—${c.country}科技园`),
    th: (c) => (c.zone ? `เขตสาธิตจีน–ไทยด้าน${c.topic}` : `อุทยานวิทยาศาสตร์และเทคโนโลยีจีน–ไทย ${c.city}`),
    vi: (c) => (c.zone ? `Khu trình diễn Trung Quốc – Việt Nam về ${c.topic}` : `Khu công nghệ Trung Quốc – Việt Nam tại ${c.city}`),
    id: (c) => (c.zone ? `Kawasan percontohan Tiongkok–Indonesia untuk ${c.topic}` : `Taman sains dan teknologi Tiongkok–Indonesia ${c.city}`),
    ms: (c) => (c.zone ? `Zon demonstrasi China–${c.country} bagi ${c.topic}` : `Taman sains dan teknologi China–${c.country} ${c.city}`),
    km: (c) => (c.zone ? `តំបន់គំរូចិន-កម្ពុជាផ្នែក${c.topic}` : `ឧទ្យានវិទ្យាសាស្ត្រ និងបច្ចេកវិទ្យាចិន-កម្ពុជា ${c.city}`),
    lo: (c) => (c.zone ? `ເຂດສາທິດ ລາວ-ຈີນ ດ້ານ${c.topic}` : `ສວນວິທະຍາສາດ ແລະ ເຕັກໂນໂລຊີ ລາວ-ຈີນ ${c.city}`),
    my: (c) => (c.zone ? `တရုတ်-မြန်မာ ${c.topic} သရုပ်ပြဇုန်` : `${c.city} တရုတ်-မြန်မာ သိပ္ပံနှင့်နည်းပညာဥယျာဉ်`),
    pt: (c) => (c.zone ? `Zona de demonstração China–Timor-Leste de ${c.topic}` : `Parque de ciência e tecnologia China–Timor-Leste em ${c.city}`),
  },
  'technology-transfer-match': {
    en: (c) => `Technology transfer of ${c.topic} to ${c.countryRef}`,
    zh: (c) => `${c.topic}技术向${c.country}转移`,
    th: (c) => `การถ่ายทอดเทคโนโลยีด้าน${c.topic}`,
    vi: (c) => `Chuyển giao công nghệ ${c.topic}`,
    id: (c) => `Alih teknologi ${c.topic}`,
    ms: (c) => `Pemindahan teknologi ${c.topic}`,
    km: (c) => `ការផ្ទេរបច្ចេកវិទ្យា${c.topic}`,
    lo: (c) => `ການຖ່າຍທອດເຕັກໂນໂລຊີ${c.topic}`,
    my: (c) => `${c.topic} နည်းပညာလွှဲပြောင်းခြင်း`,
    pt: (c) => `Transferência de tecnologia de ${c.topic}`,
  },
  'forum-event': {
    en: (c) => `${ordinal(c.edition)} China-ASEAN forum on ${c.topic}`,
    zh: (c) => `第${c.edition}届中国—东盟${c.topic}论坛`,
    th: (c) => `การประชุมจีน–อาเซียนด้าน${c.topic} ครั้งที่ ${c.edition}`,
    vi: (c) => `Diễn đàn Trung Quốc – ASEAN lần thứ ${c.edition} về ${c.topic}`,
    id: (c) => `Forum Tiongkok–ASEAN ke-${c.edition} tentang ${c.topic}`,
    ms: (c) => `Forum China–ASEAN ke-${c.edition} mengenai ${c.topic}`,
    km: (c) => `វេទិកាចិន-អាស៊ានលើកទី ${c.edition} ស្តីពី${c.topic}`,
    lo: (c) => `ເວທີປຶກສາຫາລື ຈີນ-ອາຊຽນ ຄັ້ງທີ ${c.edition} ກ່ຽວກັບ${c.topic}`,
    my: (c) => `${c.topic}ဆိုင်ရာ တရုတ်-အာဆီယံ ဖိုရမ် (${c.edition})`,
    pt: (c) => `${c.edition}.º Fórum China–ASEAN sobre ${c.topic}`,
  },
};

/** Activity descriptions by kind, in English and Chinese. */
export const descriptionTemplates: Record<ActivityKind, { en: Template; zh: Template }> = {
  'policy-consultancy': {
    en: (c) =>
      `Chinese experts advise the S&T authorities of ${c.countryRef} on ${c.topic}. The engagement combines a diagnostic study, two consultation workshops in ${c.city} and a set of written policy recommendations.`,
    zh: (c) => `中方专家就${c.topic}为${c.country}科技主管部门提供咨询，包括现状调研、在${c.city}举办的两期研讨会以及书面政策建议。`,
  },
  'task-force-mission': {
    en: (c) =>
      `A team of ${c.count} Chinese experts works on site in ${c.city} for ${c.days} days on ${c.topic}: field diagnosis, demonstrations and hands-on training of local technicians.`,
    zh: (c) => `${c.count}名中国专家赴${c.city}开展为期${c.days}天的${c.topic}技术服务，包括现场诊断、技术示范和对当地技术人员的实操培训。`,
  },
  'volunteer-assignment': {
    en: (c) =>
      `A Chinese technology volunteer supports a partner institution in ${c.city} in ${c.topic} for ${c.months} months, training staff and introducing practical techniques.`,
    zh: (c) => `中国科技志愿者在${c.city}合作单位服务${c.months}个月，围绕${c.topic}培训当地人员并推广实用技术。`,
  },
  'training-center': {
    en: (c) =>
      `A permanent training center in ${c.city} running courses on ${c.topic} for technicians and managers from ${c.countryRef} and other ASEAN member states.`,
    zh: (c) => `在${c.city}设立的常设培训中心，面向${c.country}及其他东盟国家的技术和管理人员开展${c.topic}培训。`,
  },
  'training-course': {
    en: (c) =>
      `${anOrA(c.days)} ${c.days}-day course on ${c.topic} for ${c.count} participants from ASEAN member states, combining lectures, laboratory practice and site visits in ${c.city}.`,
    zh: (c) => `在${c.city}举办、为期${c.days}天的${c.topic}培训班，面向东盟国家${c.count}名学员，包括专题讲座、实验操作和实地考察。`,
  },
  fellowship: {
    en: (c) => `A young scientist from ${c.countryRef} spends ${c.months} months at a Chinese host institution in ${c.city} working on ${c.topic}.`,
    zh: (c) => `来自${c.country}的青年科学家在${c.city}的中国合作单位开展为期${c.months}个月的${c.topic}研究。`,
  },
  'joint-research-project': {
    en: (c) =>
      `Researchers from China and ${c.countryRef} jointly study ${c.topic} over ${c.years} years, sharing field sites, data and laboratory facilities.`,
    zh: (c) => `中国与${c.country}科研人员围绕${c.topic}开展为期${c.years}年的联合研究，共享试验基地、数据和实验条件。`,
  },
  'joint-lab': {
    en: (c) =>
      `A joint laboratory in ${c.city} for ${c.topic}: shared equipment, joint research lines and training of young researchers from both countries.`,
    zh: (c) => `在${c.city}共建${c.topic}联合实验室，共享仪器设备，开展联合研究，培养两国青年科研人员。`,
  },
  'science-park': {
    en: (c) =>
      `A joint ${c.zone ? 'demonstration zone' : 'science and technology park'} in ${c.city} that demonstrates ${c.topic} and hosts enterprises from China and ${c.countryRef}.`,
    zh: (c) => `在${c.city}共建的${c.zone ? '示范区' : '科技园'}，示范推广${c.topic}技术，吸引中国和${c.country}企业入驻。`,
  },
  'technology-transfer-match': {
    en: (c) =>
      `Follow-up of a technology match on ${c.topic}: site assessment, adaptation of the technology to local conditions in ${c.countryRef} and a pilot installation in ${c.city}.`,
    zh: (c) => `${c.topic}技术转移对接的后续工作：现场评估、结合${c.country}当地条件的技术适配以及在${c.city}的试点示范。`,
  },
  'forum-event': {
    en: (c) =>
      `The forum in ${c.city} brings together officials, researchers and enterprises working on ${c.topic} to share experience, present technologies and sign cooperation agreements.`,
    zh: (c) => `论坛在${c.city}举办，汇聚${c.topic}领域的政府官员、科研人员和企业，交流经验、展示技术并签署合作协议。`,
  },
};

export interface ResultTemplate {
  type: 'output' | 'outcome' | 'impact';
  en: string;
  zh: string;
  indicators: readonly IndicatorTemplate[];
}

export interface IndicatorTemplate {
  en: string;
  zh: string;
  measure: 'unit' | 'percentage' | 'qualitative';
  unit?: string;
  /** Broken down by sex and/or country. */
  bySex?: boolean;
  byCountry?: boolean;
  /** Typical target per reporting period. */
  target: readonly [number, number];
}

const persons = (en: string, zh: string, target: readonly [number, number], byCountry = false): IndicatorTemplate => ({
  en,
  zh,
  measure: 'unit',
  unit: 'persons',
  bySex: true,
  byCountry,
  target,
});
const units = (en: string, zh: string, unit: string, target: readonly [number, number]): IndicatorTemplate => ({ en, zh, measure: 'unit', unit, target });
const share = (en: string, zh: string, target: readonly [number, number]): IndicatorTemplate => ({ en, zh, measure: 'percentage', unit: '%', target });

/** Results, each with its indicators, by kind of activity. */
export const resultTemplates: Record<ActivityKind, readonly ResultTemplate[]> = {
  'policy-consultancy': [
    { type: 'output', en: 'Policy recommendations delivered', zh: '提交政策建议', indicators: [units('Policy recommendations submitted', '提交政策建议数', 'recommendations', [3, 10])] },
    {
      type: 'outcome',
      en: 'Recommendations taken up by the government',
      zh: '政策建议被政府采纳',
      indicators: [units('Policy recommendations adopted', '被采纳政策建议数', 'recommendations', [1, 5]), persons('Officials trained', '培训官员人数', [10, 40])],
    },
  ],
  'task-force-mission': [
    {
      type: 'output',
      en: 'On-site technical services delivered',
      zh: '完成现场技术服务',
      indicators: [persons('Local technicians trained on site', '现场培训当地技术人员数', [15, 80]), units('Technologies demonstrated', '示范技术数', 'technologies', [2, 6])],
    },
    { type: 'outcome', en: 'Techniques adopted by local farmers and enterprises', zh: '技术被当地农户和企业采用', indicators: [share('Share of trained technicians applying the techniques', '应用所学技术的技术人员比例', [60, 90])] },
  ],
  'volunteer-assignment': [
    { type: 'output', en: 'Local staff trained by the volunteer', zh: '志愿者培训当地人员', indicators: [persons('Local staff trained', '培训当地人员数', [10, 60])] },
  ],
  'training-center': [
    {
      type: 'output',
      en: 'Training courses delivered',
      zh: '举办培训班',
      indicators: [units('Courses delivered', '举办培训班期数', 'courses', [2, 6]), persons('People trained', '培训人数', [60, 200], true)],
    },
    { type: 'outcome', en: 'Regional training capacity established', zh: '区域培训能力建成', indicators: [persons('Local trainers qualified', '培养本地培训师人数', [4, 15])] },
  ],
  'training-course': [
    {
      type: 'output',
      en: 'Participants trained',
      zh: '完成学员培训',
      indicators: [persons('Participants trained', '培训学员人数', [15, 35], true), share('Share of participants certified', '获得结业证书的学员比例', [85, 95])],
    },
    { type: 'outcome', en: 'Trainees apply the techniques in their institutions', zh: '学员在本单位应用所学技术', indicators: [share('Trainees applying the techniques six months later', '六个月后应用所学技术的学员比例', [50, 80])] },
  ],
  fellowship: [
    { type: 'output', en: 'Joint research outputs of the fellow', zh: '访问学者合作研究成果', indicators: [units('Papers co-authored', '合作发表论文数', 'papers', [1, 3])] },
  ],
  'joint-research-project': [
    {
      type: 'output',
      en: 'Joint research outputs',
      zh: '联合研究成果',
      indicators: [
        units('Joint papers published', '联合发表论文数', 'papers', [2, 8]),
        units('Patent applications filed', '专利申请数', 'applications', [1, 3]),
        persons('Young researchers involved', '参与青年科研人员数', [4, 12], true),
      ],
    },
    { type: 'outcome', en: 'Findings taken up by partners', zh: '研究成果被合作方应用', indicators: [units('Technologies taken up by partners', '被合作方应用的技术数', 'technologies', [1, 3])] },
  ],
  'joint-lab': [
    {
      type: 'output',
      en: 'Joint laboratory operational',
      zh: '联合实验室建成运行',
      indicators: [persons('Researchers exchanged', '人员交流数', [6, 20], true), units('Joint projects launched', '新立联合项目数', 'projects', [1, 4])],
    },
    { type: 'outcome', en: 'Sustained research cooperation', zh: '形成长期稳定的研究合作', indicators: [units('Joint papers published', '联合发表论文数', 'papers', [3, 12])] },
  ],
  'science-park': [
    {
      type: 'output',
      en: 'Enterprises hosted in the zone',
      zh: '园区入驻企业',
      indicators: [units('Enterprises hosted', '入驻企业数', 'enterprises', [5, 30]), units('Area under demonstration', '示范面积', 'ha', [20, 300])],
    },
    { type: 'impact', en: 'Jobs and income created locally', zh: '带动当地就业和增收', indicators: [persons('Local jobs created', '带动当地就业人数', [50, 400])] },
  ],
  'technology-transfer-match': [
    { type: 'output', en: 'Technology transferred and piloted', zh: '技术转移与试点', indicators: [units('Technology transfer agreements signed', '签署技术转移协议数', 'agreements', [1, 3])] },
  ],
  'forum-event': [
    {
      type: 'output',
      en: 'Forum held',
      zh: '论坛成功举办',
      indicators: [persons('Participants', '参会人数', [150, 600], true), units('Cooperation agreements signed', '签署合作协议数', 'agreements', [3, 15])],
    },
  ],
};

export const equipmentByArea: Record<string, readonly string[]> = {
  policy: ['Statistical analysis software', 'Video-conference system'],
  'tech/agriculture': ['Seed germination chamber', 'Plant growth chamber', 'Soil nutrient analyser', 'Agricultural drone'],
  'tech/food': ['HPLC system', 'Microbiology incubator', 'Vacuum packaging line'],
  'tech/health': ['PCR thermal cycler', 'Biosafety cabinet', 'Ultra-low temperature freezer'],
  'tech/disaster': ['Broadband seismometers', 'GNSS monitoring stations', 'Automatic rain gauges'],
  'tech/water': ['Water quality analyser', 'Ultrasonic flow meters', 'Membrane filtration pilot unit'],
  'tech/environment-energy': ['PV module test bench', 'Automatic weather station', 'Flue gas analyser'],
  'tech/manufacturing': ['5-axis CNC machining centre', 'Coordinate measuring machine'],
  'tech/materials': ['Scanning electron microscope', 'X-ray diffractometer', 'Rheometer'],
  'tech/it': ['Server cluster', '5G test bed', 'Collaborative robot arm'],
  'tech/space': ['Satellite ground receiving station', 'GNSS reference receivers', 'Image processing workstations'],
};

export const researchLineSuffixes: readonly string[] = [
  'field trials in partner provinces',
  'germplasm and sample exchange',
  'training of young researchers',
  'joint data platform',
  'pilot demonstration sites',
];

export const policyDeliverables: readonly string[] = [
  'Diagnostic report, two consultation workshops and a policy brief',
  'Draft strategy document with an implementation roadmap',
  'Comparative study of Chinese and regional practice, with recommendations',
  'Indicator framework and a pilot evaluation report',
];

export const intellectualPropertyTerms: readonly string[] = [
  'Results jointly owned; each party may use them for non-commercial research.',
  'Background IP stays with its owner; foreground IP is shared in proportion to contributions.',
  'Patents filed jointly; licensing revenue shared equally.',
];

export const returnComments: readonly string[] = [
  'Please attach the signed cooperation agreement.',
  'Planned end date does not match the agreement; please correct.',
  'Budget figures differ from the approved work plan. Please check the CNY amounts.',
  'Participant list incomplete: sex missing for several trainees.',
  'Please add the Chinese title and the implementing organization on the ASEAN side.',
  'GPS location looks wrong (outside the province). Please re-check.',
];

export const approveComments: readonly string[] = [
  'Checked against the signed agreement.',
  'Consistent with the national work plan.',
  'Approved for the annual statistics.',
  'Figures verified with the finance officer.',
];

export const photoCaptions: readonly string[] = [
  'Demonstration plot',
  'Hands-on session with local technicians',
  'Equipment handed over to the partner institution',
  'Group photo at the closing ceremony',
  'Field measurement',
  'Laboratory practice',
  'Meeting with provincial officials',
];

export interface DocumentTemplate {
  title: string;
  fileName: string;
  mimeType: string;
  size: readonly [number, number];
}

export const activityDocuments: readonly DocumentTemplate[] = [
  { title: 'Signed cooperation agreement', fileName: 'cooperation-agreement-signed.pdf', mimeType: 'application/pdf', size: [250_000, 3_000_000] },
  { title: 'Project proposal', fileName: 'project-proposal.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', size: [80_000, 900_000] },
  { title: 'Annual progress report', fileName: 'annual-progress-report.pdf', mimeType: 'application/pdf', size: [300_000, 5_000_000] },
  { title: 'Final report', fileName: 'final-report.pdf', mimeType: 'application/pdf', size: [500_000, 8_000_000] },
  { title: 'Participants list', fileName: 'participants.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', size: [20_000, 200_000] },
  { title: 'Budget and expenditure statement', fileName: 'budget-statement.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', size: [15_000, 150_000] },
];

/** Field report narratives: English, and the languages officers often write in. `{city}`, `{topic}`, `{n}`. */
export const narrativesEn: readonly string[] = [
  'Visited the site in {city} with the Chinese expert team. Demonstration plots for {topic} are established and {n} local technicians attended the hands-on session. Next visit planned after harvest.',
  'Checked progress on {topic} at the partner institution in {city}. Equipment installed and in use; two staff need further training on maintenance. Photos of the installation attached.',
  'Monitoring visit in {city}: {n} participants present, attendance sheets verified, certificates to be issued at the closing ceremony. Venue and interpretation satisfactory.',
  'Met the project team in {city}. Field work on {topic} delayed by two weeks because of heavy rain; data collection resumed. No budget issues reported.',
  'Joint inspection with the national coordinator in {city}. Results on {topic} shared with provincial officials, who asked for a second demonstration site.',
];

export const narrativesLocal: Partial<Record<TitleLanguage, string>> = {
  th: 'ลงพื้นที่ติดตามโครงการที่{city} ร่วมกับผู้เชี่ยวชาญจากจีน มีเจ้าหน้าที่ท้องถิ่นเข้าร่วมการฝึกปฏิบัติด้าน{topic} {n} คน การดำเนินงานเป็นไปตามแผน',
  vi: 'Khảo sát thực địa tại {city} cùng đoàn chuyên gia Trung Quốc. Có {n} cán bộ kỹ thuật địa phương tham gia buổi thực hành về {topic}. Tiến độ dự án đúng kế hoạch.',
  id: 'Kunjungan lapangan ke {city} bersama tim ahli dari Tiongkok. Sebanyak {n} teknisi lokal mengikuti sesi praktik {topic}. Kemajuan proyek sesuai rencana.',
  ms: 'Lawatan tapak ke {city} bersama pasukan pakar dari China. Seramai {n} juruteknik tempatan menyertai sesi amali {topic}. Kemajuan projek mengikut jadual.',
  km: 'ចុះពិនិត្យទីតាំងនៅ{city} ជាមួយក្រុមអ្នកជំនាញចិន។ មានបុគ្គលិកបច្ចេកទេសក្នុងស្រុកចំនួន {n} នាក់ចូលរួមវគ្គអនុវត្តជាក់ស្តែងផ្នែក{topic}។ វឌ្ឍនភាពគម្រោងស្របតាមផែនការ។',
  lo: 'ລົງຢ້ຽມຢາມພາກສະໜາມຢູ່{city} ພ້ອມກັບຄະນະຊ່ຽວຊານຈີນ. ມີພະນັກງານວິຊາການທ້ອງຖິ່ນ {n} ຄົນເຂົ້າຮ່ວມການຝຶກພາກປະຕິບັດດ້ານ{topic}. ຄວາມຄືບໜ້າຂອງໂຄງການເປັນໄປຕາມແຜນ.',
  my: 'တရုတ်ကျွမ်းကျင်သူအဖွဲ့နှင့်အတူ {city}ရှိ လုပ်ငန်းခွင်သို့ ကွင်းဆင်းစစ်ဆေးခဲ့သည်။ ဒေသခံနည်းပညာဝန်ထမ်း {n} ဦး {topic} လက်တွေ့သင်တန်းသို့ တက်ရောက်ခဲ့သည်။ စီမံကိန်းတိုးတက်မှုသည် အစီအစဉ်အတိုင်းဖြစ်သည်။',
  pt: 'Visita ao local em {city} com a equipa de peritos chineses. {n} técnicos locais participaram na sessão prática sobre {topic}. O projeto avança conforme o plano.',
};

export function fill(template: string, values: { city: string; topic: string; n: number }): string {
  return template.replace('{city}', values.city).replace('{topic}', values.topic).replace('{n}', String(values.n));
}
