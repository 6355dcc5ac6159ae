import { z } from 'zod';
import type { Labels } from '../common';

/**
 * The program's priority areas (founding text, section IV): S&T policy and innovation management with
 * its six sub-topics, and ten technology areas with their listed sub-fields. Codes are paths
 * (`tech/agriculture/crop-breeding`) so that a filter on an area also matches its sub-fields.
 */
export interface PriorityArea {
  code: string;
  label: Labels;
  children?: readonly PriorityArea[];
}

const area = (code: string, en: string, zh: string, children?: readonly PriorityArea[]): PriorityArea =>
  children ? { code, label: { en, zh }, children } : { code, label: { en, zh } };

export const priorityAreaTree: readonly PriorityArea[] = [
  area('policy', 'S&T policy and innovation management', '科技政策与创新管理', [
    area('policy/national-strategy', 'National S&T strategies', '国家科技战略制定'),
    area('policy/major-programs', 'Major S&T programs', '重大科技计划的制定与管理'),
    area('policy/industry-planning', 'S&T planning in key industries', '重点产业科技发展规划'),
    area('policy/science-parks', 'Science parks and incubators', '科技园区与孵化器建设规划'),
    area('policy/innovation-support', 'Innovation, start-up and enterprise-university-institute synergy', '支持创新创业与产学研结合的政策'),
    area('policy/statistics-evaluation', 'S&T statistics and evaluation', '科技统计与评估'),
  ]),
  area('tech/agriculture', 'Agriculture', '农业', [
    area('tech/agriculture/crop-breeding', 'Crop breeding and cultivation', '作物育种与栽培'),
    area('tech/agriculture/agro-processing', 'Agro-product processing', '农产品加工'),
    area('tech/agriculture/mechanization', 'Agricultural mechanization', '农业机械化'),
    area('tech/agriculture/soil', 'Soil improvement', '土壤改良'),
  ]),
  area('tech/food', 'Food', '食品', [
    area('tech/food/safety', 'Food safety', '食品安全'),
    area('tech/food/standards', 'Food standards and inspections', '食品标准与检验'),
    area('tech/food/processing', 'Food processing', '食品加工'),
  ]),
  area('tech/health', 'Life science and health', '生命科学与健康', [
    area('tech/health/biomedicine', 'Biomedicine', '生物医药'),
    area('tech/health/plant-pharma', 'Natural plant pharmaceuticals', '天然植物药'),
    area('tech/health/telemedicine', 'Remote medical treatment', '远程医疗'),
    area('tech/health/instruments', 'Medical instruments', '医疗器械'),
  ]),
  area('tech/disaster', 'Disaster mitigation and prevention', '防灾减灾', [
    area('tech/disaster/earthquake', 'Earthquake early warning and response', '地震预警与应对'),
    area('tech/disaster/tsunami', 'Tsunami early warning and response', '海啸预警与应对'),
    area('tech/disaster/landslide', 'Landslide early warning and response', '滑坡预警与应对'),
  ]),
  area('tech/water', 'Water resources', '水资源', [
    area('tech/water/management', 'Water resources management', '水资源管理'),
    area('tech/water/sanitation', 'Water sanitation and recycling', '水处理与循环利用'),
    area('tech/water/conservation', 'Water conservation', '节水'),
  ]),
  area('tech/environment-energy', 'Environment and energy', '环境与能源', [
    area('tech/environment-energy/protection', 'Environmental protection', '环境保护'),
    area('tech/environment-energy/biodiversity', 'Biodiversity', '生物多样性'),
    area('tech/environment-energy/climate', 'Climate change and meteorology', '气候变化与气象'),
    area('tech/environment-energy/energy', 'Conventional, new and renewable energy', '常规能源、新能源与可再生能源'),
    area('tech/environment-energy/efficiency', 'Industrial, building and urban energy efficiency', '工业、建筑与城市节能'),
  ]),
  area('tech/manufacturing', 'Equipment manufacturing', '装备制造', [
    area('tech/manufacturing/cnc', 'CNC machine tools', '数控机床'),
    area('tech/manufacturing/rail', 'Rail transportation', '轨道交通'),
    area('tech/manufacturing/cims', 'Computer integrated manufacturing systems', '计算机集成制造系统'),
    area('tech/manufacturing/engineering-machinery', 'Engineering and port machinery', '工程机械与港口机械'),
  ]),
  area('tech/materials', 'Materials', '材料', [
    area('tech/materials/nano', 'Nano-materials', '纳米材料'),
    area('tech/materials/functional', 'Functional materials', '功能材料'),
    area('tech/materials/bio', 'Biomaterials and biomedical materials', '生物材料与生物医用材料'),
    area('tech/materials/environmental', 'Environmental materials', '环境材料'),
  ]),
  area('tech/it', 'Information technology', '信息技术', [
    area('tech/it/communication', 'Communication and Internet', '通信与互联网'),
    area('tech/it/integrated-circuits', 'Integrated circuits and embedded systems', '集成电路与嵌入式系统'),
    area('tech/it/multimedia', 'Multimedia applications', '多媒体应用'),
    area('tech/it/robotics', 'Robotic technology', '机器人技术'),
    area('tech/it/open-source', 'Open source systems', '开源系统'),
    area('tech/it/security-monitoring', 'Security monitoring systems', '安全监控系统'),
  ]),
  area('tech/space', 'Space technology and application', '空间技术与应用', [
    area('tech/space/remote-sensing', 'Remote sensing', '遥感'),
    area('tech/space/navigation', 'Navigation and geographical information', '导航与地理信息'),
    area('tech/space/satellites', 'Communication satellites and small satellites', '通信卫星与小卫星'),
  ]),
];

function flatten(areas: readonly PriorityArea[], parent: string | undefined, out: FlatPriorityArea[]): FlatPriorityArea[] {
  for (const node of areas) {
    out.push({ code: node.code, label: node.label, parent, depth: parent ? 1 : 0 });
    if (node.children) flatten(node.children, node.code, out);
  }
  return out;
}

export interface FlatPriorityArea {
  code: string;
  label: Labels;
  parent: string | undefined;
  depth: number;
}

export const priorityAreas: readonly FlatPriorityArea[] = flatten(priorityAreaTree, undefined, []);
export const topLevelPriorityAreas = priorityAreas.filter((a) => a.depth === 0);
const codes = priorityAreas.map((a) => a.code) as [string, ...string[]];
export const priorityAreaCodeSchema = z.enum(codes, { error: 'v.priorityArea' });
export type PriorityAreaCode = z.infer<typeof priorityAreaCodeSchema>;

const byCode = new Map(priorityAreas.map((a) => [a.code, a]));
export function findPriorityArea(code: string): FlatPriorityArea | undefined {
  return byCode.get(code);
}

/** True when `code` is `areaCode` itself or one of its sub-fields. */
export function isWithinArea(code: string, areaCode: string): boolean {
  return code === areaCode || code.startsWith(`${areaCode}/`);
}
