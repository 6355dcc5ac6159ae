import type { ContentLanguage } from '../domain/common';
import type { CountryCode } from '../domain/taxonomy/countries';
import type { Random } from './random';

export interface PersonName {
  /** As the person writes it, in their own script. */
  native: string;
  nativeLanguage: ContentLanguage;
  /** In Latin letters. */
  romanized: string;
  /** Given name in Latin letters, for e-mail addresses. */
  givenRomanized: string;
  familyRomanized: string;
}

type Pair = readonly [native: string, romanized: string];
type Sex = 'female' | 'male';

const pairs = (text: string): Pair[] =>
  text
    .trim()
    .split(/\s*;\s*/)
    .map((entry) => {
      const [native, romanized] = entry.split('|');
      return [native!.trim(), (romanized ?? native)!.trim()] as const;
    });

/** Chinese names: family name first, no space in characters; Pinyin without tone marks. */
const chinaFamily = pairs('王|Wang; 李|Li; 张|Zhang; 刘|Liu; 陈|Chen; 杨|Yang; 黄|Huang; 赵|Zhao; 吴|Wu; 周|Zhou; 徐|Xu; 孙|Sun; 马|Ma; 朱|Zhu; 胡|Hu; 郭|Guo; 林|Lin; 何|He; 高|Gao; 罗|Luo; 梁|Liang; 韦|Wei; 覃|Qin');
const chinaGiven: Record<Sex, Pair[]> = {
  male: pairs('伟|Wei; 强|Qiang; 磊|Lei; 军|Jun; 洋|Yang; 勇|Yong; 杰|Jie; 涛|Tao; 明|Ming; 建华|Jianhua; 志强|Zhiqiang; 海峰|Haifeng; 晓东|Xiaodong; 国庆|Guoqing; 文博|Wenbo; 宏伟|Hongwei'),
  female: pairs('芳|Fang; 娜|Na; 敏|Min; 静|Jing; 丽|Li; 婷|Ting; 秀英|Xiuying; 桂英|Guiying; 晓燕|Xiaoyan; 丽华|Lihua; 雪|Xue; 慧|Hui; 玉兰|Yulan; 春梅|Chunmei; 思琪|Siqi; 雅静|Yajing'),
};

/** Chinese Malaysians and Singaporeans: characters, romanized in the dialect spelling they use. */
const nanyangFamily = pairs('陈|Tan; 林|Lim; 李|Lee; 黄|Wong; 张|Teo; 吴|Ng; 刘|Lau; 郑|Teh; 王|Ong; 梁|Leong; 许|Khoo; 何|Ho; 蔡|Chua; 杨|Yeo');
const nanyangGiven: Record<Sex, Pair[]> = {
  male: pairs('伟明|Wei Ming; 志强|Chee Keong; 国华|Kok Wah; 文龙|Boon Leong; 俊杰|Jun Jie; 家明|Kah Meng; 福生|Hock Seng; 振华|Chin Hua'),
  female: pairs('美玲|Mei Ling; 慧敏|Hui Min; 丽华|Lai Wah; 秀英|Siew Eng; 佩君|Pei Chun; 雪梅|Suet Mui; 淑贞|Siok Ching; 婉婷|Wan Ting'),
};

const thaiGiven: Record<Sex, Pair[]> = {
  male: pairs('สมชาย|Somchai; ประเสริฐ|Prasert; วิชัย|Wichai; สุรชัย|Surachai; ธนากร|Thanakorn; อนุชา|Anucha; กิตติ|Kitti; ณัฐพล|Nattaphon; สมศักดิ์|Somsak; ปิยะ|Piya; วีระพงษ์|Weerapong'),
  female: pairs('สุดารัตน์|Sudarat; วิภาวี|Wipawee; นภา|Napha; ปราณี|Pranee; กาญจนา|Kanchana; รัตนา|Rattana; อรุณี|Arunee; พิมพ์ชนก|Pimchanok; ศิริพร|Siriporn; มาลี|Malee; จันทร์เพ็ญ|Chanphen'),
};
const thaiFamily = pairs('ใจดี|Jaidee; ศรีสุข|Srisuk; วงศ์สวัสดิ์|Wongsawat; บุญมา|Boonma; แก้วมณี|Kaewmanee; ทองดี|Thongdee; สุขสวัสดิ์|Suksawat; รัตนพันธ์|Rattanaphan; ชัยประเสริฐ|Chaiprasert; ศรีวงศ์|Sriwong; พรหมมา|Phromma');

const laoGiven: Record<Sex, Pair[]> = {
  male: pairs('ສົມພອນ|Somphone; ບຸນມີ|Bounmy; ສີສະຫວາດ|Sisavath; ຄຳພອນ|Khamphone; ພູວົງ|Phouvong; ສຸລິຍາ|Souliya; ວິໄລ|Vilay; ທອງສະຫວັນ|Thongsavanh; ແສງອາລຸນ|Sengaloun; ອານຸສອນ|Anousone'),
  female: pairs('ມະນີວອນ|Manivone; ຄຳແພງ|Khamphaeng; ສຸດາລັດ|Soudalath; ພອນທິບ|Phonethip; ແສງເດືອນ|Sengdeuane; ດາວວົງ|Daovong; ວັນນະລີ|Vannaly; ນິດຕະຍາ|Nittaya; ອາລຸນີ|Alouny; ຈັນທະລີ|Chanthaly'),
};
const laoFamily = pairs('ວົງສະຫວັນ|Vongsavanh; ພົມມະຈັນ|Phommachanh; ສີສຸລາດ|Sisoulath; ແກ້ວມະນີ|Keomany; ສຸວັນນະວົງ|Souvannavong; ຈັນທະວົງ|Chanthavong; ພິມມະສອນ|Phimmasone; ອິນທະວົງ|Inthavong; ສີພັນດອນ|Siphandone; ໄຊຍະວົງ|Xayavong');

const khmerFamily = pairs('សុខ|Sok; ចាន់|Chan; ហេង|Heng; គឹម|Kim; លី|Ly; កែវ|Keo; ម៉ៅ|Mao; ទេព|Tep; ឈឹម|Chhim; ប៊ុន|Bun; សេង|Seng; ហ៊ុន|Hun');
const khmerGiven: Record<Sex, Pair[]> = {
  male: pairs('ដារ៉ា|Dara; ពិសិដ្ឋ|Piseth; វិចិត្រ|Vichet; សុផល|Sophal; វណ្ណៈ|Vannak; រិទ្ធី|Rithy; សំណាង|Samnang; បូរ៉ា|Bora; សុខា|Sokha; វុទ្ធី|Vuthy'),
  female: pairs('សុភាព|Sopheap; ស្រីមុំ|Sreymom; ធីតា|Thida; ចន្ថា|Chantha; ដាលីន|Dalin; ស្រីពៅ|Sreypov; បុប្ផា|Bopha; សុភា|Sophea; រចនា|Rachana; ម៉ាលីស|Malis'),
};

/** Burmese names have no family name: two or three syllables, written without spaces in Burmese script. */
const burmeseSyllables: Record<Sex, Pair[]> = {
  male: pairs('အောင်|Aung; ကျော်|Kyaw; မင်း|Min; ဇော်|Zaw; ထွန်း|Htun; ဝင်း|Win; နိုင်|Naing; လွင်|Lwin; ဟိန်း|Hein; ထက်|Htet; သူရ|Thura; ဖြိုး|Phyo; စိုး|Soe; မောင်|Maung'),
  female: pairs('ခင်|Khin; မြ|Mya; သီရိ|Thiri; နွယ်|Nwe; စု|Su; မေ|May; ဖြူ|Phyu; ယဉ်|Yin; သဇင်|Thazin; ချို|Cho; လှ|Hla; နီလာ|Nilar; သန္တာ|Thandar; ဝေ|Wai'),
};

/** Vietnamese: family, middle, given; the romanized form drops the diacritics. */
const vietFamily = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương'];
const vietMiddle: Record<Sex, string[]> = { male: ['Văn', 'Đức', 'Minh', 'Quang', 'Hữu', 'Thanh', 'Công'], female: ['Thị', 'Ngọc', 'Thu', 'Thanh', 'Minh', 'Phương'] };
const vietGiven: Record<Sex, string[]> = {
  male: ['An', 'Bình', 'Cường', 'Dũng', 'Hùng', 'Hải', 'Long', 'Nam', 'Phong', 'Quân', 'Sơn', 'Tuấn', 'Việt', 'Khánh'],
  female: ['Anh', 'Hà', 'Hằng', 'Hoa', 'Hương', 'Lan', 'Linh', 'Mai', 'Ngân', 'Phương', 'Thảo', 'Trang', 'Yến', 'Nhung'],
};

const indonesianGiven: Record<Sex, string[]> = {
  male: ['Budi', 'Agus', 'Andi', 'Dedi', 'Eko', 'Hendra', 'Rizky', 'Ahmad', 'Bambang', 'Fajar', 'Joko', 'Yusuf', 'Made', 'Wayan'],
  female: ['Siti', 'Dewi', 'Rina', 'Sri', 'Ayu', 'Putri', 'Indah', 'Wulan', 'Nur', 'Ratna', 'Fitri', 'Kadek', 'Nyoman'],
};
const indonesianFamily = ['Santoso', 'Setiawan', 'Pratama', 'Wibowo', 'Saputra', 'Hidayat', 'Lestari', 'Kusuma', 'Nugroho', 'Wijaya', 'Siregar', 'Simanjuntak', 'Harahap', 'Nasution', 'Rahayu'];

const malayGiven: Record<Sex, string[]> = {
  male: ['Ahmad Faizal', 'Muhammad Hafiz', 'Mohd Azman', 'Amirul Hakim', 'Syafiq', 'Zulkifli', 'Firdaus', 'Khairul Anuar', 'Hazwan', 'Nazri'],
  female: ['Nurul Aini', 'Siti Aishah', 'Nur Izzati', 'Farah Nadia', 'Aisyah', 'Zarina', 'Noraini', 'Nur Hidayah', 'Syahirah', 'Liyana'],
};
const malayFathers = ['Ismail', 'Abdullah', 'Hassan', 'Ibrahim', 'Yusof', 'Abdul Rahman', 'Osman', 'Salleh', 'Ahmad', 'Abdul Razak', 'Abdul Aziz', 'Kamaruddin'];

const indianGiven: Record<Sex, string[]> = {
  male: ['Rajesh', 'Suresh', 'Arun', 'Vikram', 'Ganesh', 'Kumaran'],
  female: ['Priya', 'Kavitha', 'Deepa', 'Anita', 'Lakshmi', 'Meena'],
};
const indianFamily = ['Kumar', 'Pillai', 'Nair', 'Menon', 'Raman', 'Krishnan', 'Subramaniam'];

const filipinoGiven: Record<Sex, string[]> = {
  male: ['Jose', 'Juan', 'Mark', 'Rodrigo', 'Paolo', 'Ramon', 'Carlo', 'Miguel', 'Jerome', 'Antonio'],
  female: ['Maria', 'Ana', 'Kristine', 'Maricel', 'Liza', 'Jasmine', 'Rowena', 'Angelica', 'Cristina', 'Joy'],
};
const filipinoFamily = ['dela Cruz', 'Santos', 'Reyes', 'Garcia', 'Bautista', 'Mendoza', 'Ramos', 'Villanueva', 'Aquino', 'Castillo', 'Fernandez', 'Torres', 'Navarro'];

const timoreseGiven: Record<Sex, string[]> = {
  male: ['João', 'José', 'Agostinho', 'Domingos', 'Francisco', 'Mateus', 'Marcos', 'Abílio', 'Zeferino'],
  female: ['Maria', 'Ana', 'Filomena', 'Jacinta', 'Rosa', 'Angelina', 'Joana', 'Esperança', 'Lúcia'],
};
const timoreseFamily = ['da Costa', 'Soares', 'Ximenes', 'Guterres', 'Belo', 'Pinto', 'Amaral', 'Pereira', 'Martins', 'da Silva', 'Gusmão', 'dos Santos', 'Fernandes'];

const combiningMarks = /[\u0300-\u036f]/g;
/** Latin letters without diacritics (Nguyễn → Nguyen, Đặng → Dang). */
export function stripDiacritics(text: string): string {
  return text.normalize('NFD').replace(combiningMarks, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
}

const vietFamilyPairs: Pair[] = vietFamily.map((name) => [name, stripDiacritics(name)]);

function latin(native: string, language: ContentLanguage, given: string, family: string): PersonName {
  const romanized = stripDiacritics(native);
  return { native, nativeLanguage: language, romanized, givenRomanized: stripDiacritics(given), familyRomanized: stripDiacritics(family) };
}

function chineseStyle(random: Random, family: Pair[], given: Record<Sex, Pair[]>, sex: Sex): PersonName {
  const [familyNative, familyRoman] = random.pick(family);
  const [givenNative, givenRoman] = random.pick(given[sex]);
  return { native: familyNative + givenNative, nativeLanguage: 'zh', romanized: `${familyRoman} ${givenRoman}`, givenRomanized: givenRoman, familyRomanized: familyRoman };
}

function malayName(random: Random, sex: Sex, honorific: boolean): PersonName {
  const given = random.pick(malayGiven[sex]);
  const father = (honorific && random.chance(0.3) ? 'Haji ' : '') + random.pick(malayFathers);
  const native = `${given} ${sex === 'male' ? 'bin' : 'binti'} ${father}`;
  return latin(native, 'ms', given.split(' ')[0]!, father.replace('Haji ', '').split(' ').pop()!);
}

function indianName(random: Random, sex: Sex): PersonName {
  const given = random.pick(indianGiven[sex]);
  const family = random.pick(indianFamily);
  return latin(`${given} ${family}`, 'en', given, family);
}

/** A plausible name for a person of `country`, in their script and in Latin letters. */
export function personName(random: Random, country: CountryCode, sex: Sex): PersonName {
  switch (country) {
    case 'CN':
      return chineseStyle(random, chinaFamily, chinaGiven, sex);
    case 'TH': {
      const [g, gr] = random.pick(thaiGiven[sex]);
      const [f, fr] = random.pick(thaiFamily);
      return { native: `${g} ${f}`, nativeLanguage: 'th', romanized: `${gr} ${fr}`, givenRomanized: gr, familyRomanized: fr };
    }
    case 'LA': {
      const [g, gr] = random.pick(laoGiven[sex]);
      const [f, fr] = random.pick(laoFamily);
      return { native: `${g} ${f}`, nativeLanguage: 'lo', romanized: `${gr} ${fr}`, givenRomanized: gr, familyRomanized: fr };
    }
    case 'KH': {
      const [f, fr] = random.pick(khmerFamily);
      const [g, gr] = random.pick(khmerGiven[sex]);
      return { native: `${f} ${g}`, nativeLanguage: 'km', romanized: `${fr} ${gr}`, givenRomanized: gr, familyRomanized: fr };
    }
    case 'MM': {
      const syllables = random.sample(burmeseSyllables[sex], random.chance(0.6) ? 2 : 3);
      const romanized = syllables.map((s) => s[1]).join(' ');
      return {
        native: syllables.map((s) => s[0]).join(''),
        nativeLanguage: 'my',
        romanized,
        givenRomanized: syllables[0]![1],
        familyRomanized: syllables.slice(1).map((s) => s[1]).join(''),
      };
    }
    case 'VN': {
      const [f, fr] = random.pick(vietFamilyPairs);
      const middle = random.pick(vietMiddle[sex]);
      const given = random.pick(vietGiven[sex]);
      const native = `${f} ${middle} ${given}`;
      return { native, nativeLanguage: 'vi', romanized: stripDiacritics(native), givenRomanized: stripDiacritics(given), familyRomanized: fr };
    }
    case 'ID': {
      const given = random.pick(indonesianGiven[sex]);
      if (random.chance(0.15)) return latin(given, 'id', given, given); // many Indonesians have one name
      const family = random.pick(indonesianFamily);
      return latin(`${given} ${family}`, 'id', given, family);
    }
    case 'MY': {
      const roll = random.next();
      if (roll < 0.35) return chineseStyle(random, nanyangFamily, nanyangGiven, sex);
      if (roll < 0.45) return indianName(random, sex);
      return malayName(random, sex, false);
    }
    case 'SG': {
      const roll = random.next();
      if (roll < 0.7) return chineseStyle(random, nanyangFamily, nanyangGiven, sex);
      if (roll < 0.85) return malayName(random, sex, false);
      return indianName(random, sex);
    }
    case 'BN':
      return malayName(random, sex, true);
    case 'PH': {
      const given = random.pick(filipinoGiven[sex]);
      const family = random.pick(filipinoFamily);
      return latin(`${given} ${family}`, 'fil', given, family);
    }
    case 'TL': {
      const given = random.pick(timoreseGiven[sex]);
      const family = random.pick(timoreseFamily);
      return latin(`${given} ${family}`, 'pt', given, family);
    }
  }
}

/** For e-mail addresses: lowercase ASCII letters only. */
export function mailPart(text: string): string {
  return stripDiacritics(text)
    .toLowerCase()
    .replace(/[^a-z]+/g, '');
}
