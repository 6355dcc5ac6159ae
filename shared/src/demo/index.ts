export { generateDemoRecords, type DemoMix, type DemoOptions } from './generate';
export { exampleChineseOrganization, exampleRecordList, exampleRecords } from './examples';
