use super::*;

#[test]
fn every_key_round_trips_through_its_name() {
    for key in SettingKey::all() {
        assert_eq!(SettingKey::parse(&key.name()).unwrap(), key);
    }
}

#[test]
fn unknown_keys_name_the_allowed_ones() {
    let e = SettingKey::parse("concurrency.nowhere").unwrap_err();
    assert_eq!(e.field(), "key");
    let text = e.to_string();
    assert!(
        text.contains("concurrency.<route>") && text.contains("budget.month_usd") && text.contains("seedance"),
        "{text}"
    );
}

#[test]
fn values_are_validated_and_normalised() {
    let fal = SettingKey::Concurrency(RouteId::Fal);
    assert_eq!(fal.validate(" 3 ").unwrap(), "3");
    for bad in ["0", "-1", "1.5", "65", "lots"] {
        let e = fal.validate(bad).unwrap_err();
        assert_eq!(e.field(), "concurrency.fal", "{bad}");
        assert!(e.to_string().contains("an integer from 1 to 64"), "{e}");
    }
    assert_eq!(SettingKey::BudgetDay.validate("$2.50").unwrap(), "2.5");
    for bad in ["0", "-2", "inf", "NaN", "two"] {
        assert!(SettingKey::BudgetDay.validate(bad).is_err(), "{bad}");
    }
    let url = SettingKey::BaseUrl(RouteId::Openai);
    assert_eq!(url.validate("https://proxy.example/v1/").unwrap(), "https://proxy.example/v1");
    assert!(url.validate("ftp://x").is_err() && url.validate("not a url").is_err());
    assert!(SettingKey::Notify.validate("maybe").unwrap_err().to_string().contains("on, off"));
    assert!(SettingKey::Theme.validate("blue").unwrap_err().to_string().contains("system, light, dark"));
}

#[test]
fn stored_values_win_over_defaults_and_bad_rows_are_skipped() {
    let s = Settings::from_rows([
        ("concurrency.kling".to_string(), "3".to_string()),
        ("budget.run_usd".to_string(), "1.25".to_string()),
        ("concurrency.fal".to_string(), "zero".to_string()),
        ("from.a.newer.build".to_string(), "x".to_string()),
    ]);
    assert_eq!(s.concurrency(RouteId::Kling), 3);
    assert_eq!(s.concurrency(RouteId::Fal), RouteId::Fal.default_concurrency(), "a bad row falls back");
    assert_eq!(s.budget(SettingKey::BudgetRun), Some(1.25));
    assert_eq!(s.budget(SettingKey::BudgetDay), None);
    let entry = s.entry(SettingKey::Concurrency(RouteId::Kling));
    assert_eq!((entry.value.as_deref(), entry.source), (Some("3"), SettingSource::Set));
    let theme = s.entry(SettingKey::Theme);
    assert_eq!((theme.value.as_deref(), theme.source), (Some("system"), SettingSource::Default));
}
