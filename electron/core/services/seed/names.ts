/** Word lists for believable names of villages, communities, firms and people in Inner Mongolia. */
import type { Random } from './random.ts';

const surnames = '王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴孔汤包鲍'.split('');
const givenChars = '国建文明志永海春晓红丽华军平秀英玉兰桂芳俊杰强磊伟涛斌刚勇波辉鹏飞宇轩浩然子涵欣怡静雪梅霞艳凤云峰亮新宏振东利军德福成林山'.split('');
const mongolianNames = [
  '巴特尔', '额尔敦', '乌力吉', '其木格', '苏日娜', '阿拉坦', '那顺', '宝音', '图雅', '萨仁', '格日勒', '斯琴',
  '朝鲁', '孟和', '巴雅尔', '敖其尔', '达来', '乌兰', '娜仁花', '额尔德木图', '哈斯', '塔娜', '吉日嘎拉', '乌云',
  '布和', '特木尔', '其其格', '满都拉', '白音仓', '阿木古楞',
];

export function personName(r: Random): string {
  if (r.chance(0.14)) return r.chance(0.4) ? r.pick(['包', '白', '鲍', '韩', '吴']) + r.pick(mongolianNames) : r.pick(mongolianNames);
  const given = r.chance(0.75) ? r.pick(givenChars) + r.pick(givenChars) : r.pick(givenChars);
  return r.pick(surnames) + given;
}

const mobilePrefixes = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '155', '156', '157', '158', '159', '180', '181', '183', '185', '186', '187', '188', '189', '191', '199'];

/** Mostly mobiles; some office landlines with the league's area code (赤峰 0476). */
export function phone(r: Random, areaCode = '0476'): string {
  if (r.chance(0.12)) return `${areaCode}-${r.int(2, 8)}${String(r.int(0, 999999)).padStart(6, '0')}`;
  return r.pick(mobilePrefixes) + String(r.int(0, 99999999)).padStart(8, '0');
}

const villagePrefixes = ['东', '西', '南', '北', '前', '后', '大', '小', '上', '下', '新', '老', '二', '三', '头', '中'];
const villageCores = ['营子', '窝铺', '杖子', '地', '沟', '梁', '台', '湾', '井', '庙', '甸子', '河', '山', '房身', '店', '屯', '城子', '洼'];
const villageFamilies = ['王家', '李家', '张家', '刘家', '马架', '于家', '孟家', '白家', '高家', '杨树', '柳条', '榆树', '双井', '红旗', '太平', '永丰', '富裕', '三义', '四道', '五家'];
const gachaRoots = ['巴彦', '乌兰', '查干', '哈日', '宝力格', '锡林', '图门', '额尔敦', '阿拉坦', '巴音', '乌力吉', '那日图', '赛罕', '塔林', '敖包', '呼和', '希日', '达日罕'];
const gachaTails = ['塔拉', '敖包', '诺尔', '高勒', '浩特', '花', '乌苏', '温都尔', '宝力格', '布拉格', '哈达', '召'];

export function villageName(r: Random): string {
  if (r.chance(0.35)) return `${r.pick(gachaRoots)}${r.pick(gachaTails)}嘎查`;
  const core = r.chance(0.5) ? r.pick(villageFamilies) + r.pick(villageCores) : r.pick(villagePrefixes) + r.pick(villageCores);
  return `${core}村`;
}

const communityRoots = ['幸福', '和平', '新华', '长青', '团结', '富康', '锦绣', '南苑', '东城', '西城', '光明', '文化', '振兴', '铁南', '站前', '红山', '昭乌达', '松州', '兴安', '滨河', '丽苑', '馨园', '龙泉', '民族', '永安', '北苑'];
export function communityName(r: Random): string {
  return `${r.pick(communityRoots)}${r.pick(['', '', '东', '西', '南', '北', '新'])}社区`;
}

export const bureaus = ['发展和改革委员会', '财政局', '人力资源和社会保障局', '自然资源局', '住房和城乡建设局', '交通运输局', '水利局', '农牧局', '商务局', '文化旅游体育局', '卫生健康委员会', '应急管理局', '市场监督管理局', '统计局', '医疗保障局', '林业和草原局', '信访局', '司法局', '民政局', '审计局', '教育局', '生态环境局', '工业和信息化局', '退役军人事务局', '乡村振兴局'];
export const institutions = ['融媒体中心', '档案史志馆', '图书馆', '疾病预防控制中心', '农牧业技术推广中心', '社会保险事业服务中心', '水利事业发展中心', '政务服务中心', '不动产登记中心', '林业工作站', '气象局', '住房公积金管理中心', '公共资源交易中心', '党校'];
export const stateFirms = ['城市投资发展有限公司', '供电分公司', '自来水有限公司', '热力有限公司', '公共交通有限公司', '粮食储备库', '农村信用合作联社', '国有林场', '文化旅游投资有限公司'];
const firmRoots = ['草原', '蒙', '金', '鑫', '宏', '恒', '泰', '瑞', '丰', '源', '达', '盛', '远', '昌', '兴', '旺', '科', '华', '绿', '塞'];
const industries = ['乳业', '牧业', '建筑工程', '矿业', '物流', '商贸', '农业科技', '能源', '食品', '羊绒制品', '新材料', '电子商务', '餐饮管理', '医药', '房地产开发'];
export function privateFirmName(r: Random): string {
  return `${r.pick(['内蒙古', '赤峰', ''])}${r.pick(firmRoots)}${r.pick(firmRoots)}${r.pick(industries)}有限公司`;
}
export const associations = ['个体劳动者协会', '律师协会', '物流行业协会', '民宿协会', '餐饮行业协会', '新就业群体联合', '快递行业', '会计师协会', '慈善总会', '商会', '青年企业家协会', '养殖业协会'];

const ordinals = ['', '第一', '第二', '第三', '第四', '第五', '第六', '第七', '第八', '第九', '第十'];
/** 第一、第二 … for units that have several branches of one kind. */
export function ordinal(n: number): string {
  return ordinals[n] ?? `第${n}`;
}
