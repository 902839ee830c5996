//! The region catalogue (docs/sources.md#ecs-ids-and-regions).
//!
//! English names come from the reference. Chinese names (`zh-CN`, DescribeRegions'
//! default language) are not in the reference: they are the console's names from general
//! knowledge (inferred), kept here in one table so they are easy to correct.

/// One region ID and its local names.
#[derive(Debug, Clone, Copy)]
pub struct Region {
    pub id: &'static str,
    pub en: &'static str,
    pub zh: &'static str,
    /// In the default world ("all public regions"): open, not industry, not closed.
    pub public: bool,
}

const fn r(id: &'static str, en: &'static str, zh: &'static str, public: bool) -> Region {
    Region { id, en, zh, public }
}

/// Every region the mock knows; scenarios may name only these.
pub const REGIONS: &[Region] = &[
    r("cn-qingdao", "China (Qingdao)", "华北1（青岛）", true),
    r("cn-beijing", "China (Beijing)", "华北2（北京）", true),
    r(
        "cn-zhangjiakou",
        "China (Zhangjiakou)",
        "华北3（张家口）",
        true,
    ),
    r("cn-huhehaote", "China (Hohhot)", "华北5（呼和浩特）", true),
    r(
        "cn-wulanchabu",
        "China (Ulanqab)",
        "华北6（乌兰察布）",
        true,
    ),
    r("cn-hangzhou", "China (Hangzhou)", "华东1（杭州）", true),
    r("cn-shanghai", "China (Shanghai)", "华东2（上海）", true),
    r(
        "cn-nanjing",
        "China (Nanjing - Local Region)",
        "华东5（南京-本地地域）",
        true,
    ),
    r(
        "cn-fuzhou",
        "China (Fuzhou - Local Region)",
        "华东6（福州-本地地域）",
        true,
    ),
    r("cn-shenzhen", "China (Shenzhen)", "华南1（深圳）", true),
    r("cn-heyuan", "China (Heyuan)", "华南2（河源）", true),
    r("cn-guangzhou", "China (Guangzhou)", "华南3（广州）", true),
    r("cn-chengdu", "China (Chengdu)", "西南1（成都）", true),
    r(
        "cn-wuhan-lr",
        "China (Wuhan - Local Region)",
        "华中1（武汉-本地地域）",
        true,
    ),
    r(
        "cn-zhengzhou-jva",
        "Zhengzhou (China Unicom JV)",
        "郑州（联通合营）",
        false,
    ),
    r("cn-hongkong", "China (Hong Kong)", "中国香港", true),
    r("ap-northeast-1", "Japan (Tokyo)", "日本（东京）", true),
    r(
        "ap-northeast-2",
        "South Korea (Seoul)",
        "韩国（首尔）",
        true,
    ),
    r("ap-southeast-1", "Singapore", "新加坡", true),
    r(
        "ap-southeast-2",
        "Australia (Sydney)",
        "澳大利亚（悉尼）",
        false,
    ),
    r(
        "ap-southeast-3",
        "Malaysia (Kuala Lumpur)",
        "马来西亚（吉隆坡）",
        true,
    ),
    r(
        "ap-southeast-5",
        "Indonesia (Jakarta)",
        "印度尼西亚（雅加达）",
        true,
    ),
    r(
        "ap-southeast-6",
        "Philippines (Manila)",
        "菲律宾（马尼拉）",
        true,
    ),
    r("ap-southeast-7", "Thailand (Bangkok)", "泰国（曼谷）", true),
    r("ap-south-1", "India (Mumbai)", "印度（孟买）", false),
    r("us-east-1", "US (Virginia)", "美国（弗吉尼亚）", true),
    r("us-west-1", "US (Silicon Valley)", "美国（硅谷）", true),
    r(
        "eu-central-1",
        "Germany (Frankfurt)",
        "德国（法兰克福）",
        true,
    ),
    r("eu-west-1", "UK (London)", "英国（伦敦）", true),
    r("me-east-1", "UAE (Dubai)", "阿联酋（迪拜）", true),
    r(
        "me-central-1",
        "Saudi Arabia (Riyadh)",
        "沙特（利雅得）",
        true,
    ),
    r(
        "cn-hangzhou-finance",
        "China East 1 Finance",
        "华东1 金融云",
        false,
    ),
    r(
        "cn-shanghai-finance-1",
        "China East 2 Finance",
        "华东2 金融云",
        false,
    ),
    r(
        "cn-shenzhen-finance-1",
        "China South 1 Finance",
        "华南1 金融云",
        false,
    ),
    r(
        "cn-beijing-finance-1",
        "China North 2 Finance",
        "华北2 金融云",
        false,
    ),
];

/// The catalogue entry of `id`.
pub fn find(id: &str) -> Option<&'static Region> {
    REGIONS.iter().find(|r| r.id == id)
}

/// The default world's regions.
pub fn public_ids() -> Vec<String> {
    REGIONS
        .iter()
        .filter(|r| r.public)
        .map(|r| r.id.to_string())
        .collect()
}
