"""Sign-off quorum: an override reason covers spread alerts, never missing panels — below ``[scoring]
signoff_quorum`` (default: every marking judge) only a supervisor's co-signature (code + PIN, verified like a
login, logged) lets a module be signed off. Alerts accepted at sign-off stop counting; live standings mark a
module score from a partial panel."""

from __future__ import annotations

import pytest

from contest.config import parse_config
from contest.errors import ConfigInvalid, PermissionDenied, SignOffNeedsSupervisor, SignOffRefused
from scoresheets import ItemEntry
from tests.db.conftest import small_config
from tests.db.helpers import build_env


def _sheet(sv, module: str, level: int = 3) -> list[ItemEntry]:  # noqa: ANN001
    return [
        ItemEntry(i.id, level=level) if i.kind == "judgement" else ItemEntry(i.id)
        for i in sv.config().module(module).rubric.items
    ]


def _enter(env, judge: str, stations, level: int = 3) -> None:  # noqa: ANN001
    actor = env.sv.login(judge, env.pins[judge])
    for st in stations:
        env.sv.enter_sheet(actor, "A", st, _sheet(env.sv, "A", level), seconds_used=900)


def _module_a(sv):  # noqa: ANN001, ANN202
    return next(m for m in sv.info().modules if m.code == "A")


def test_an_override_does_not_cover_missing_sheets_the_supervisor_must_cosign(engine) -> None:
    env = build_env(engine, small_config(), n=3)
    sv = env.sv
    chief = sv.login("C1", env.pins["C1"])
    with pytest.raises(SignOffNeedsSupervisor) as refused:
        sv.sign_off(chief, "A", override_reason="随便什么理由")  # 0 of 9 sheets submitted
    assert refused.value.short_panels == 3 and refused.value.open_sheets == 9
    _enter(env, "J1", env.stations)  # one judge's sheets everywhere: still below the quorum (all 3 judges)
    with pytest.raises(SignOffNeedsSupervisor, match="监督会签"):
        sv.sign_off(chief, "A", override_reason="J2、J3 缺席")
    # a co-signature must be a supervisor's, with the right PIN, and not the chief's own
    with pytest.raises(PermissionDenied):
        sv.sign_off(chief, "A", "J2、J3 缺席", supervisor=("S1", "0000"))
    with pytest.raises(PermissionDenied):
        sv.sign_off(chief, "A", "J2、J3 缺席", supervisor=("C1", env.pins["C1"]))
    with pytest.raises(PermissionDenied):
        sv.sign_off(chief, "A", "J2、J3 缺席", supervisor=("J2", env.pins["J2"]))
    assert not _module_a(sv).signed_off
    # co-signed, but a reason is still required for the open sheets
    with pytest.raises(SignOffRefused):
        sv.sign_off(chief, "A", supervisor=("S1", env.pins["S1"]))
    sv.sign_off(chief, "A", "J2、J3 缺席，经监督同意", supervisor=("S1", env.pins["S1"]))
    assert _module_a(sv).signed_off
    seq, _time, who, kind, details = sv.events(5)[0]
    assert (who, kind) == ("C1", "sign_off")
    assert '"supervisor": "S1"' in details and '"short_panels": 3' in details
    assert sv.verify().ok


def test_the_quorum_is_configurable_and_above_it_an_override_suffices(engine) -> None:
    config = small_config().replace("theory_weight = 0.2\n", "theory_weight = 0.2\nsignoff_quorum = 2\n")
    assert parse_config(config).signoff_quorum == 2
    assert parse_config(small_config()).signoff_quorum is None
    with pytest.raises(ConfigInvalid, match="signoff_quorum"):
        parse_config(
            small_config().replace("theory_weight = 0.2\n", "theory_weight = 0.2\nsignoff_quorum = 0\n")
        )
    env = build_env(engine, config, n=2)
    sv = env.sv
    chief = sv.login("C1", env.pins["C1"])
    _enter(env, "J1", env.stations)
    _enter(env, "J2", env.stations[:1])
    with pytest.raises(SignOffNeedsSupervisor) as refused:
        sv.sign_off(chief, "A", override_reason="J3 缺席")
    assert refused.value.short_panels == 1
    _enter(env, "J2", env.stations[1:])
    with pytest.raises(SignOffRefused) as plain:
        sv.sign_off(chief, "A")
    assert not isinstance(plain.value, SignOffNeedsSupervisor)
    sv.sign_off(chief, "A", override_reason="J3 缺席")
    assert _module_a(sv).signed_off


def test_alerts_accepted_at_sign_off_stop_counting(engine) -> None:
    env = build_env(engine, small_config(), n=1)
    sv = env.sv
    chief = sv.login("C1", env.pins["C1"])
    _enter(env, "J1", env.stations, level=3)
    _enter(env, "J2", env.stations, level=3)
    _enter(env, "J3", env.stations, level=0)
    assert sv.alerts(chief, "A") and not any(a.accepted for a in sv.alerts(chief))
    assert sv.standings(chief).alerts == len(sv.alerts(chief))
    sv.sign_off(chief, "A", override_reason="分差已复核")
    alerts = sv.alerts(chief, "A")
    assert alerts and all(a.accepted for a in alerts)  # still shown, as accepted
    assert sv.standings(chief).alerts == 0


def test_standings_mark_a_module_score_from_a_partial_panel(engine) -> None:
    env = build_env(engine, small_config(), n=2)
    sv = env.sv
    first, second = env.stations
    _enter(env, "J1", [first, second])
    for judge in ("J2", "J3"):
        _enter(env, judge, [second])
    lines = {line.station: line for line in sv.standings(sv.login("C1", env.pins["C1"])).lines}
    assert lines[first].modules["A"] is not None and lines[first].partial == {"A"}
    assert lines[second].partial == frozenset()


def test_cli_signoff_follows_the_same_rule_with_a_supervisor_cosign(engine) -> None:
    from alembic import command
    from alembic.config import Config
    from typer.testing import CliRunner

    from contest import cli
    from contest.store.migrate import alembic_config

    env = build_env(engine, small_config(), n=2)
    _enter(env, "J1", env.stations)
    cfg: Config = alembic_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.stamp(cfg, "head")
    url = engine.info_url  # type: ignore[attr-defined]
    chief = {"CONTEST_AS": "C1", "CONTEST_PIN": env.pins["C1"]}
    base = ["--db", url, "signoff", "A", "--judge", "C1", "--override", "J2、J3 缺席"]
    res = CliRunner().invoke(cli.app, base, env=chief)
    assert res.exit_code == 1 and "监督会签" in res.output, res.output
    assert not _module_a(env.sv).signed_off
    res = CliRunner().invoke(cli.app, [*base, "--supervisor", "S1"], env=chief, input="0000\n")
    assert res.exit_code == 1 and not _module_a(env.sv).signed_off, res.output
    res = CliRunner().invoke(cli.app, [*base, "--supervisor", "S1"], env=chief, input=f"{env.pins['S1']}\n")
    assert res.exit_code == 0, res.output
    assert _module_a(env.sv).signed_off
