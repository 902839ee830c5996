//! Scenario validation: every semantic error names file, line and column.

use alicloud_mock::scenario::{Scenario, ScenarioErrors, Site};

fn errors(text: &str) -> Vec<String> {
    match Scenario::from_str("s.yaml", text) {
        Ok(_) => panic!("expected errors for:\n{text}"),
        Err(ScenarioErrors(e)) => e.iter().map(|e| e.to_string()).collect(),
    }
}

const TWO: &str = "accounts:\n  - { id: \"1000000000000001\", alias: owner }\n  - { id: \"1000000000000002\", alias: member }\n";

#[test]
fn the_default_scenario_is_valid_and_as_documented() {
    let s = Scenario::default_scenario();
    assert_eq!(s.name(), "default");
    // The README's table of accounts: aliases, IDs, sites and keys.
    let accounts: Vec<(&str, &str, Site, &str)> = s
        .spec
        .accounts
        .iter()
        .map(|a| {
            (
                a.alias.as_deref().unwrap(),
                a.id.as_str(),
                a.site,
                a.access_keys[0].id.as_str(),
            )
        })
        .collect();
    assert_eq!(
        accounts,
        [
            (
                "owner",
                "1000000000000001",
                Site::China,
                "LTAI5tOwner0000000001"
            ),
            (
                "member",
                "1000000000000002",
                Site::China,
                "LTAI5tMember000000001"
            ),
            (
                "intl",
                "1000000000000003",
                Site::International,
                "LTAI5tIntl00000000001"
            ),
            (
                "outsider",
                "1000000000000004",
                Site::China,
                "LTAI5tOutsider0000001"
            ),
        ]
    );
    let rd = s.spec.resource_directory.as_ref().unwrap();
    assert_eq!(rd.id.as_deref(), Some("rd-3kexample"));
    assert_eq!(rd.management_account, "owner");
    // One custom image per documented case, with the documented IDs.
    let imgs = &s.spec.images;
    let id = |i: &alicloud_mock::scenario::ImageSpec| i.id.clone().unwrap();
    let ids: Vec<String> = imgs.iter().map(id).collect();
    assert_eq!(
        ids,
        [
            "m-bp1plain00000000001",
            "m-bp1golden0000000001",
            "m-uf6cmk0000000000001",
            "m-bp1market0000000001",
            "m-bp1paid000000000001",
        ]
    );
    let only = |f: &dyn Fn(&alicloud_mock::scenario::ImageSpec) -> bool| -> Vec<String> {
        imgs.iter().filter(|i| f(i)).map(id).collect()
    };
    assert_eq!(
        only(&|i| i.encryption == alicloud_mock::scenario::Encryption::Cmk),
        ["m-uf6cmk0000000000001"]
    );
    assert_eq!(
        only(&|i| i.product_code.is_some()),
        ["m-bp1market0000000001"]
    );
    assert_eq!(only(&|i| i.image_fee > 0.0), ["m-bp1paid000000000001"]);
    assert_eq!(
        only(&|i| !i.shared_with.is_empty()),
        ["m-bp1golden0000000001"]
    );
}

#[test]
fn unknown_keys_name_their_position() {
    let e = errors("name: x\naccounts:\n  - id: \"1000000000000001\"\n    aliass: a\n");
    assert_eq!(e.len(), 1);
    assert!(e[0].starts_with("s.yaml:4:5: "), "{e:?}");
    assert!(e[0].contains("unknown field `aliass`"), "{e:?}");
}

#[test]
fn malformed_account_ids() {
    let e = errors("accounts:\n  - { id: \"12345\" }\n");
    assert_eq!(
        e,
        ["s.yaml:2:11: account id \"12345\" is not a 16-digit account UID"]
    );
}

#[test]
fn duplicate_ids_aliases_and_keys() {
    let e = errors(
        "accounts:\n  - { id: \"1000000000000001\", alias: a, access_keys: [{ id: K, secret: s }] }\n  - { id: \"1000000000000001\", alias: a, access_keys: [{ id: K, secret: s }] }\n",
    );
    assert!(
        e.contains(&"s.yaml:3:11: duplicate account id \"1000000000000001\"".to_string()),
        "{e:?}"
    );
    assert!(
        e.iter()
            .any(|x| x.starts_with("s.yaml:3:") && x.contains("duplicate alias \"a\"")),
        "{e:?}"
    );
    assert!(
        e.iter()
            .any(|x| x.starts_with("s.yaml:3:") && x.contains("duplicate access key id \"K\"")),
        "{e:?}"
    );
}

#[test]
fn unknown_aliases() {
    let e = errors(&format!(
        "{TWO}images:\n  - {{ owner: owner, region: cn-hangzhou, shared_with: [membr] }}\n"
    ));
    assert_eq!(
        e,
        ["s.yaml:5:56: unknown account \"membr\" (not an alias or id of `accounts`)"]
    );
}

#[test]
fn unknown_regions() {
    let e = errors("regions: [cn-hangzhou, cn-atlantis]\n");
    assert_eq!(e, ["s.yaml:1:24: unknown region \"cn-atlantis\""]);
    let e = errors(&format!(
        "regions: [cn-hangzhou]\n{TWO}images:\n  - {{ owner: owner, region: cn-shanghai }}\n"
    ));
    assert_eq!(
        e,
        ["s.yaml:6:29: region \"cn-shanghai\" is not one of the scenario's regions"]
    );
    let e = errors("regions: [cn-hangzhou]\ndefault_region: cn-beijing\n");
    assert_eq!(
        e,
        ["s.yaml:2:17: default_region \"cn-beijing\" is not one of the scenario's regions"]
    );
}

#[test]
fn duplicate_image_ids_and_bad_references() {
    let e = errors(&format!(
        "{TWO}images:\n  - {{ id: m-a1, owner: owner, region: cn-hangzhou }}\n  - {{ id: m-a1, owner: owner, region: cn-hangzhou }}\ninstances:\n  - {{ owner: member, region: cn-hangzhou, image: m-zz }}\n"
    ));
    assert!(
        e.contains(&"s.yaml:6:11: duplicate image id \"m-a1\"".to_string()),
        "{e:?}"
    );
    assert!(
        e.iter()
            .any(|x| x.starts_with("s.yaml:8:") && x.contains("unknown custom image \"m-zz\"")),
        "{e:?}"
    );
}

#[test]
fn sharing_with_the_owner_is_refused() {
    let e = errors(&format!(
        "{TWO}images:\n  - {{ owner: owner, region: cn-hangzhou, shared_with: [owner] }}\n"
    ));
    assert!(e[0].contains("cannot be shared with its owner"), "{e:?}");
}

#[test]
fn directory_and_share_references() {
    let text = format!(
        "{TWO}images:\n  - {{ id: m-x1, owner: member, region: cn-hangzhou }}\nresource_directory:\n  management_account: owner\n  root:\n    accounts: [owner]\n    folders:\n      - {{ id: fd-a, name: a, accounts: [owner] }}\nresource_shares:\n  - {{ name: s, owner: owner, region: cn-hangzhou, resources: [{{ type: Image, id: m-x1 }}], targets: [fd-b, member] }}\n"
    );
    let e = errors(&text);
    assert!(e.iter().any(|x| x.starts_with("s.yaml:11:") && x.contains("already in the resource directory")), "{e:?}");
    assert!(
        e.iter()
            .any(|x| x.contains("not owned by the share's owner")),
        "{e:?}"
    );
    assert!(
        e.iter().any(|x| x.contains("unknown folder \"fd-b\"")),
        "{e:?}"
    );
    assert!(
        e.iter()
            .any(|x| x.contains("not in the resource directory")),
        "{e:?}"
    );
}

#[test]
fn json_scenarios_are_accepted_and_located() {
    let s = Scenario::from_str(
        "s.json",
        "{\"name\": \"j\", \"accounts\": [{\"id\": \"1000000000000001\"}]}",
    )
    .unwrap();
    assert_eq!(s.name(), "j");
    let e = match Scenario::from_str(
        "s.json",
        "{\n  \"accounts\": [\n    {\"id\": \"1\"}\n  ]\n}",
    ) {
        Err(ScenarioErrors(e)) => e,
        Ok(_) => panic!(),
    };
    assert_eq!(
        e[0].to_string(),
        "s.json:3:12: account id \"1\" is not a 16-digit account UID"
    );
}

#[test]
fn syntax_and_type_errors_have_positions() {
    let e = errors("seed: seven\n");
    assert!(e[0].starts_with("s.yaml:1:7: "), "{e:?}");
    let e = errors("accounts: [\n");
    assert!(e[0].starts_with("s.yaml:"), "{e:?}");
    let e = errors("auth: sloppy\n");
    assert!(
        e[0].starts_with("s.yaml:1:7: ") && e[0].contains("unknown variant `sloppy`"),
        "{e:?}"
    );
}

#[test]
fn resource_groups_are_rg_ids_and_unique() {
    let e = errors(
        "accounts:\n  - { id: \"1000000000000001\", resource_groups: [rg-ok1, RG-Bad] }\n  - { id: \"1000000000000002\", resource_groups: [rg-ok1] }\n",
    );
    assert_eq!(
        e,
        [
            "s.yaml:2:57: resource group \"RG-Bad\" is not rg- then lower-case letters and digits (at most 64 characters)",
            "s.yaml:3:49: duplicate resource group \"rg-ok1\"",
        ]
    );
}

#[test]
fn swas_servers_name_known_owners_and_regions_and_unique_ids() {
    let e = errors(&format!(
        "{TWO}swas_instances:\n  - {{ id: s1, owner: owner, region: cn-hangzhou }}\n  - {{ id: s1, owner: nobody, region: cn-hangzhou }}\n"
    ));
    assert_eq!(
        e,
        [
            "s.yaml:6:22: unknown account \"nobody\" (not an alias or id of `accounts`)",
            "s.yaml:6:11: empty or duplicate server id \"s1\"",
        ]
    );
}

#[test]
fn ram_users_have_valid_names_unique_keys_and_system_policies() {
    let e = errors(
        "accounts:\n  - id: \"1000000000000001\"\n    access_keys: [{ id: K1, secret: s }]\n    ram_users:\n      - { name: \"bad name\" }\n      - { name: ok, access_keys: [{ id: K1, secret: s }], policies: [MyPolicy] }\n      - { name: ok }\n",
    );
    assert_eq!(
        e,
        [
            "s.yaml:5:17: RAM user name \"bad name\" is not 1-64 letters, digits, '.', '-', '_'",
            "s.yaml:6:41: duplicate access key id \"K1\"",
            "s.yaml:6:70: policy \"MyPolicy\" is not a system policy (Aliyun...)",
            "s.yaml:7:17: duplicate RAM user \"ok\"",
        ]
    );
}

/// Every key path of a JSON value (`a.b`, `list[].c`); map keys are paths too.
fn key_paths(v: &serde_json::Value, at: &str, out: &mut std::collections::BTreeSet<String>) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                let p = if at.is_empty() {
                    k.clone()
                } else {
                    format!("{at}.{k}")
                };
                out.insert(p.clone());
                key_paths(x, &p, out);
            }
        }
        serde_json::Value::Array(a) => {
            for x in a {
                key_paths(x, &format!("{at}[]"), out);
            }
        }
        _ => {}
    }
}

const REFERENCE: &str = include_str!("../scenarios/reference.yaml");

#[test]
fn the_reference_scenario_shows_every_key_of_the_model() {
    // Valid as a world.
    Scenario::from_str("reference.yaml", REFERENCE).unwrap();
    // Every key the model has (it writes each field, null when unset) is in the file.
    let written: serde_json::Value = serde_norway::from_str(REFERENCE).unwrap();
    let model: alicloud_mock::scenario::ScenarioFile = serde_norway::from_str(REFERENCE).unwrap();
    let model = serde_json::to_value(&model).unwrap();
    let (mut have, mut needed) = (Default::default(), Default::default());
    key_paths(&written, "", &mut have);
    key_paths(&model, "", &mut needed);
    let missing: Vec<&String> = needed.difference(&have).collect();
    assert!(
        missing.is_empty(),
        "scenarios/reference.yaml lacks {missing:?}"
    );
    // And docs/scenarios.md shows it as it is.
    let docs = include_str!("../docs/scenarios.md");
    assert!(
        docs.contains(&format!("```yaml\n{REFERENCE}```")),
        "docs/scenarios.md must show scenarios/reference.yaml verbatim"
    );
}
