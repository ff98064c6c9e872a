"""Writers through the write API and the check that every acknowledged write is stored, whole.

Used by crash_writes.py (Benchmarks/crash.sh) and load_writes.py (Benchmarks/load.sh). Python 3, stdlib only.

Each writer owns one municipality and its token and writes sequentially, so the municipality's history is the
writer's list of operations: every write it sent is recorded with its body and outcome (`ack` = 2xx received,
`unknown` = the connection broke before an answer, `rejected` = any other status). `verify` then reads the SQLite
file and checks, for every writer:
  * the audit log entries made with the writer's token are exactly its acknowledged writes, in order, plus possibly
    each unknown write (applied or not, never half): an acknowledged write without its entry, or an entry that is
    no write of ours, is a problem;
  * every applied write is in the tables as written: drafts have exactly the areas and goals of the last body put
    (and each audited draft has exactly its body's goals), recommendations, adoptions, publications, budget dates
    and follow-up statuses are there; a write that was not applied left nothing behind;
and for the database: PRAGMA integrity_check is ok and PRAGMA foreign_key_check is empty.
"""

import datetime
import http.client
import json
import random
import sqlite3
import threading
import time

AREAS = [
    "Ældreområdet", "Dagtilbud", "Folkeskole", "Borgerservice og administration", "Integrationsområdet",
    "Beskæftigelse", "Sundhed og forebyggelse", "Kultur og fritid", "Teknik og miljø",
]
FIRST_DATE = datetime.date(2014, 1, 2)
FIRST_YEAR = 2100
LAST_YEAR = 2999


class ServerGone(Exception):
    """The connection broke (the server was killed): the write in flight is unknown."""


def day(date):
    return date.isoformat()


class MunicipalityState:
    """What the writer needs to continue a municipality's history, read from the database."""

    def __init__(self, db, code):
        self.version = db.execute(
            "SELECT number, adopted_on, published_on FROM contract_version WHERE municipality_code = ? "
            "ORDER BY number DESC LIMIT 1", (code,)).fetchone()
        in_force = db.execute(
            "SELECT id FROM contract_version WHERE municipality_code = ? AND published_on IS NOT NULL "
            "ORDER BY published_on DESC, number DESC LIMIT 1", (code,)).fetchone()
        self.goal_ids = [] if in_force is None else [
            row[0] for row in db.execute("SELECT id FROM goal WHERE version_id = ? ORDER BY id", (in_force[0],))]
        self.follow_up = db.execute(
            "SELECT budget_year, adopted_on, published_on FROM follow_up WHERE municipality_code = ? "
            "AND budget_year >= ? ORDER BY budget_year DESC LIMIT 1", (code, FIRST_YEAR)).fetchone()
        dates = db.execute(
            "SELECT max(d) FROM (SELECT max(adopted_on, ifnull(published_on, '')) AS d FROM contract_version "
            "WHERE municipality_code = ?1 AND adopted_on IS NOT NULL UNION ALL "
            "SELECT max(adopted_on, ifnull(published_on, '')) FROM follow_up WHERE municipality_code = ?1 "
            "AND adopted_on IS NOT NULL UNION ALL SELECT max(recommended_on) FROM committee_recommendation r "
            "LEFT JOIN contract_version v ON v.id = r.version_id LEFT JOIN follow_up f ON f.id = r.follow_up_id "
            "WHERE coalesce(v.municipality_code, f.municipality_code) = ?1)", (code,)).fetchone()[0]
        last = datetime.date.fromisoformat(dates) if dates else FIRST_DATE
        self.next_date = max(FIRST_DATE, last + datetime.timedelta(days=1))
        year = db.execute(
            "SELECT max(y) FROM (SELECT max(budget_year) AS y FROM follow_up WHERE municipality_code = ?1 UNION ALL "
            "SELECT max(budget_year) FROM budget_adoption WHERE municipality_code = ?1)", (code,)).fetchone()[0]
        self.next_year = max(FIRST_YEAR, (year or 0) + 1)


class Writer:
    """One municipality's writes: a contract cycle after another (draft, recommendation, adoption, publication),
    each followed by a budget date and a follow-up (statuses, recommendation, adoption, publication)."""

    def __init__(self, number, code, token, token_id, port, rng, label):
        self.number, self.code, self.token, self.token_id = number, code, token, token_id
        self.port, self.rng, self.label = port, rng, label
        self.ops = []  # every write sent, in order, over all rounds
        self.seq = 0
        self.connection = None
        self.stop = threading.Event()
        self.failure = None  # an unexpected answer (text), which ends the writer's run

    # -- HTTP -----------------------------------------------------------------------------------------------------
    def send(self, op):
        """Sends op's write; records it with its outcome. Raises ServerGone when the connection breaks."""
        body = json.dumps(op["body"]).encode()
        headers = {"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"}
        fresh = self.connection is None
        if fresh:
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            try:
                self.connection.connect()
            except ConnectionRefusedError:
                self.connection = None
                raise ServerGone("refused") from None  # nothing was sent: not recorded
        op["outcome"] = "unknown"
        self.ops.append(op)
        try:
            self.connection.request(op["method"], op["path"], body=body, headers=headers)
            response = self.connection.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException) as error:
            self.connection.close()
            self.connection = None
            raise ServerGone(str(error)) from None
        op["status"] = response.status
        if 200 <= response.status < 300:
            op["outcome"] = "ack"
            op["answer"] = json.loads(data)
            return op["answer"]
        op["outcome"] = "rejected"
        self.failure = f"{op['method']} {op['path']} → {response.status}: {data[:300].decode(errors='replace')}"
        raise ServerGone(self.failure)

    def op(self, kind, method, path, body, **keys):
        self.seq += 1
        record = dict(kind=kind, method=method, path=f"/api/v1/municipalities/{self.code}{path}", body=body,
                      seq=self.seq, **keys)
        return self.send(record)

    def marker(self):
        return f"{self.label}-w{self.number}-{self.seq + 1}"

    # -- the writes -----------------------------------------------------------------------------------------------
    def put_draft(self):
        marker = self.marker()
        areas = []
        for a, name in enumerate(self.rng.sample(AREAS, self.rng.randint(1, 3))):
            goals = []
            for g in range(self.rng.randint(1, 3)):
                goals.append({
                    "title": f"Mål {a + 1}.{g + 1} {marker}", "theme": "Tilgængelighed",
                    "goal": f"Målsætning {marker}", "indicator": "Andel besvaret", "unit": "%",
                    "baseline": {"value": self.rng.randint(10, 80), "date": "2013-01-01"},
                    "target": {"value": self.rng.randint(81, 100), "date": "2016-12-31"},
                    "direction": "higher", "means": f"Veje til målet {marker}"})
            areas.append({"name": name, "goals": goals})
        body = {"changeNote": f"Ændring {marker}", "areas": areas}
        answer = self.op("draft", "PUT", "/contract/draft", body, marker=marker)
        return answer["version"]

    def version_recommendation(self, number, date):
        note = f"Indstilling {self.marker()}"
        self.op("v_rec", "POST", f"/contract/versions/{number}/recommendation",
                {"committee": "Økonomiudvalget", "recommendedOn": day(date), "note": note}, number=number, note=note)

    def version_adoption(self, number, date):
        reference = f"Byrådet {self.marker()}"
        self.op("v_adopt", "POST", f"/contract/versions/{number}/adoption",
                {"adoptedOn": day(date), "meetingReference": reference}, number=number, date=day(date),
                reference=reference)

    def version_publication(self, number, date):
        answer = self.op("v_pub", "POST", f"/contract/versions/{number}/publication", {"publishedOn": day(date)},
                         number=number, date=day(date))
        return [goal["id"] for area in answer["areas"] for goal in area["goals"]]

    def budget(self, year):
        date = datetime.date(year - 1, 9, 1) + datetime.timedelta(days=self.rng.randint(0, 90))
        self.op("budget", "PUT", f"/budget-adoptions/{year}", {"adoptedOn": day(date)}, year=year, date=day(date))

    def follow_up_statuses(self, year, goal_ids):
        marker = self.marker()
        statuses = [{"goalId": goal, "statusText": f"Status {marker} mål {goal}",
                     "measured": {"value": self.rng.randint(0, 100), "date": "2013-06-30"},
                     "result": self.rng.choice(["reached", "partly", "not_reached"]),
                     "followUpText": f"Opfølgning {marker}"} for goal in goal_ids]
        self.op("fu_put", "PUT", f"/follow-ups/{year}", {"statuses": statuses}, year=year, marker=marker)

    def follow_up_recommendation(self, year, date):
        note = f"Indstilling {self.marker()}"
        self.op("fu_rec", "POST", f"/follow-ups/{year}/recommendation",
                {"committee": "Økonomiudvalget", "recommendedOn": day(date), "note": note}, year=year, note=note)

    def follow_up_adoption(self, year, date):
        reference = f"Byrådet {self.marker()}"
        self.op("fu_adopt", "POST", f"/follow-ups/{year}/adoption",
                {"adoptedOn": day(date), "meetingReference": reference}, year=year, date=day(date),
                reference=reference)

    def follow_up_publication(self, year, date):
        self.op("fu_pub", "POST", f"/follow-ups/{year}/publication", {"publishedOn": day(date)}, year=year,
                date=day(date))

    # -- a run ----------------------------------------------------------------------------------------------------
    def run(self, state):
        """Writes until stop is set or the server goes away; `state` is the municipality as the database has it."""
        self.failure = None
        try:
            self.cycles(state)
        except ServerGone:
            pass
        finally:
            if self.connection is not None:
                self.connection.close()
                self.connection = None

    def cycles(self, state):
        one = datetime.timedelta(days=1)
        # A day after the last date stored: a write in flight at the kill had at most that day, so a publication
        # repeated now has another date than the lost one and the two are told apart in the audit log.
        date, year, goals = state.next_date + one, state.next_year, state.goal_ids
        # Finish what the last run left half-way (a killed server may have stopped it anywhere).
        if state.follow_up is not None and state.follow_up[2] is None:
            fu_year = state.follow_up[0]
            if state.follow_up[1] is None:
                self.follow_up_statuses(fu_year, goals)
                self.follow_up_adoption(fu_year, date)
            self.follow_up_publication(fu_year, date)
            date += one
        if state.version is not None and state.version[1] is not None and state.version[2] is None:
            self.version_publication(state.version[0], date)
            date += one
        # The dates march on three days a cycle; the rules refuse dates after today, so a very long run stops there.
        while not self.stop.is_set() and date + 3 * one < datetime.date.today() - one:
            number = self.put_draft()
            if self.rng.random() < 0.5:
                number = self.put_draft()  # replaces the draft's areas and goals
            self.version_recommendation(number, date)
            self.version_adoption(number, date)
            goals = self.version_publication(number, date + one)
            if year <= LAST_YEAR:
                self.budget(year)
                self.follow_up_statuses(year, goals)
                self.follow_up_recommendation(year, date + one)
                self.follow_up_adoption(year, date + 2 * one)
                self.follow_up_publication(year, date + 2 * one)
                year += 1
            date += 3 * one


# -- verification -------------------------------------------------------------------------------------------------
def open_readonly(path):
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)


def draft_shape(areas):
    """[(area name, [goal titles])] of a body or an API version object."""
    return [(area["name"], [goal["title"] for goal in area["goals"]]) for area in areas]


def stored_draft(db, version_id):
    rows = db.execute(
        "SELECT s.name, g.title FROM contract_version_area a JOIN service_area s ON s.id = a.service_area_id "
        "LEFT JOIN goal g ON g.version_area_id = a.id WHERE a.version_id = ? ORDER BY a.position, a.id, "
        "g.position, g.id", (version_id,)).fetchall()
    shape = []
    for name, title in rows:
        if not shape or shape[-1][0] != name:
            shape.append((name, []))
        if title is not None:
            shape[-1][1].append(title)
    return shape


def matches(op, action, entity_id, after):
    kind = op["kind"]
    recommendation_notes = [r.get("note") for r in after.get("recommendations") or []]
    if kind == "draft":
        return action == "contract.import" and after.get("changeNote") == op["body"]["changeNote"]
    if kind in ("v_rec", "fu_rec"):
        wanted = "version.recommendation" if kind == "v_rec" else "follow_up.recommendation"
        return action == wanted and op["note"] in recommendation_notes
    if kind in ("v_adopt", "fu_adopt"):
        wanted = "version.adopt" if kind == "v_adopt" else "follow_up.adopt"
        return action == wanted and after.get("meetingReference") == op["reference"]
    if kind == "v_pub":
        return (action == "version.publish" and after.get("version") == op["number"]
                and after.get("publishedOn") == op["date"])
    if kind == "fu_pub":
        return (action == "follow_up.publish" and after.get("budgetYear") == op["year"]
                and after.get("publishedOn") == op["date"])
    if kind == "budget":
        return (action == "budget.adoption" and entity_id == str(op["year"])
                and after.get("adoptedOn") == op["date"])
    if kind == "fu_put":
        texts = {s.get("statusText") for s in after.get("statuses") or []}
        return (action in ("follow_up.create", "follow_up.update") and after.get("budgetYear") == op["year"]
                and all(s["statusText"] in texts for s in op["body"]["statuses"]))
    raise ValueError(kind)


def verify(path, writers, problems_out=None):
    """Checks the database at `path` against every writer's operations; returns (acknowledged checked, problems)."""
    problems = [] if problems_out is None else problems_out
    db = open_readonly(path)
    try:
        integrity = [row[0] for row in db.execute("PRAGMA integrity_check")]
        if integrity != ["ok"]:
            problems.append(f"integrity_check: {integrity[:5]}")
        foreign = db.execute("PRAGMA foreign_key_check").fetchall()
        if foreign:
            problems.append(f"foreign_key_check: {foreign[:5]}")
        checked = 0
        for writer in writers:
            checked += verify_writer(db, writer, problems)
        return checked, problems
    finally:
        db.close()


def verify_writer(db, writer, problems):
    code = writer.code
    where = f"writer {writer.number} ({code})"
    audits = db.execute(
        "SELECT id, action, entity_id, after_json FROM audit_log WHERE municipality_code = ? "
        "AND json_extract(after_json, '$.apiToken.id') = ? ORDER BY id", (code, writer.token_id)).fetchall()
    # 1. The audit entries are the applied writes, in order.
    applied, j = [], 0
    for op in writer.ops:
        op["applied"] = False
        if j < len(audits) and op["outcome"] != "rejected":
            _, action, entity_id, after_json = audits[j]
            after = json.loads(after_json)
            if matches(op, action, entity_id, after):
                op["applied"], op["after"], op["entity_id"] = True, after, entity_id
                applied.append(op)
                j += 1
                continue
        if op["outcome"] == "ack":
            problems.append(f"{where}: acknowledged {op['method']} {op['path']} (#{op['seq']}) has no audit entry")
    for audit in audits[j:]:
        problems.append(f"{where}: audit entry {audit[0]} ({audit[1]}) is no write of ours or out of order")
    # 2. Each applied write is stored, whole; each write not applied left nothing.
    version_ids = dict(db.execute(
        "SELECT number, id FROM contract_version WHERE municipality_code = ?", (code,)).fetchall())
    last_draft, last_budget, last_status = {}, {}, {}
    checked = 0
    for op in writer.ops:
        kind, ok = op["kind"], op["applied"]
        if op["outcome"] == "ack":
            checked += 1
        if kind == "draft":
            if ok:
                want = draft_shape(op["body"]["areas"])
                if draft_shape(op["after"].get("areas") or []) != want:
                    problems.append(f"{where}: draft #{op['seq']} audited with other goals than its body")
                last_draft[op["entity_id"]] = op
            elif db.execute("SELECT 1 FROM goal WHERE title LIKE ?", (f"% {op['marker']}",)).fetchone():
                problems.append(f"{where}: draft #{op['seq']} not applied, but some of its goals are stored")
        elif kind in ("v_rec", "fu_rec"):
            rows = db.execute("SELECT count(*) FROM committee_recommendation WHERE note = ?", (op["note"],))
            count = rows.fetchone()[0]
            if count != (1 if ok else 0):
                problems.append(f"{where}: recommendation #{op['seq']} stored {count} times (applied: {ok})")
        elif kind in ("v_adopt", "fu_adopt"):
            table = "contract_version" if kind == "v_adopt" else "follow_up"
            row = db.execute(f"SELECT adopted_on FROM {table} WHERE meeting_reference = ?",
                             (op["reference"],)).fetchall()
            if ok and row != [(op["date"],)]:
                problems.append(f"{where}: adoption #{op['seq']} stored as {row}")
            if not ok and row:
                problems.append(f"{where}: adoption #{op['seq']} not applied, but stored")
        elif kind == "v_pub":
            row = db.execute("SELECT published_on FROM contract_version WHERE municipality_code = ? AND number = ?",
                             (code, op["number"])).fetchone()
            stored = row[0] if row else None
            if ok != (stored == op["date"]):
                problems.append(f"{where}: publication #{op['seq']} (applied: {ok}) stored as {stored}")
        elif kind == "fu_pub":
            row = db.execute("SELECT published_on FROM follow_up WHERE municipality_code = ? AND budget_year = ?",
                             (code, op["year"])).fetchone()
            stored = row[0] if row else None
            if ok != (stored == op["date"]):
                problems.append(f"{where}: follow-up publication #{op['seq']} (applied: {ok}) stored as {stored}")
        elif kind == "budget":
            if ok:
                last_budget[op["year"]] = op["date"]
            else:
                last_budget.setdefault(op["year"], None)
        elif kind == "fu_put":
            for status in op["body"]["statuses"]:
                if ok:
                    last_status[(op["year"], status["goalId"])] = status
                else:
                    last_status.setdefault((op["year"], status["goalId"]), None)
                    found = db.execute("SELECT 1 FROM goal_status WHERE status_text = ?",
                                       (status["statusText"],)).fetchone()
                    if found:
                        problems.append(f"{where}: follow-up statuses #{op['seq']} not applied, but stored")
                        break
    for version_id, op in last_draft.items():
        stored = stored_draft(db, int(version_id))
        if stored != draft_shape(op["body"]["areas"]):
            problems.append(f"{where}: version id {version_id} holds {stored}, not draft #{op['seq']}'s body")
        note = db.execute("SELECT change_note FROM contract_version WHERE id = ?", (int(version_id),)).fetchone()
        if note is None or note[0] != op["body"]["changeNote"]:
            problems.append(f"{where}: version id {version_id} change note {note}, not draft #{op['seq']}'s")
    for year, date in last_budget.items():
        row = db.execute("SELECT adopted_on FROM budget_adoption WHERE municipality_code = ? AND budget_year = ?",
                         (code, year)).fetchone()
        if (row[0] if row else None) != date:
            problems.append(f"{where}: budget {year} stored as {row}, last applied {date}")
    for (year, goal), status in last_status.items():
        row = db.execute(
            "SELECT s.status_text, s.result FROM goal_status s JOIN follow_up f ON f.id = s.follow_up_id "
            "WHERE f.municipality_code = ? AND f.budget_year = ? AND s.goal_id = ?", (code, year, goal)).fetchone()
        if status is not None and row != (status["statusText"], status["result"]):
            problems.append(f"{where}: status of goal {goal} in {year} stored as {row}, not as written")
    del version_ids
    return checked


def tally(writers):
    """(writes sent, acknowledged, unknown, rejected) over every writer's operations."""
    ops = [op for writer in writers for op in writer.ops]
    return (len(ops), sum(op["outcome"] == "ack" for op in ops), sum(op["outcome"] == "unknown" for op in ops),
            sum(op["outcome"] == "rejected" for op in ops))


def wait_for_server(port, process, seconds=120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server exited with {process.returncode} while starting")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        finally:
            connection.close()
        time.sleep(0.05)
    raise SystemExit(f"the server did not answer /healthz within {seconds} s")


def new_rng(seed, *parts):
    return random.Random(f"{seed}:" + ":".join(map(str, parts)))


# -- the checker's own test ---------------------------------------------------------------------------------------
TAMPERINGS = [
    ("an acknowledged write's audit entry deleted",
     "DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log WHERE municipality_code = :code "
     "AND json_extract(after_json, '$.apiToken.id') = :token)"),
    ("an audit entry without a write",
     "INSERT INTO audit_log (action, entity, entity_id, municipality_code, after_json) VALUES "
     "('contract.import', 'contract_version', '1', :code, json_object('apiToken', json_object('id', :token)))"),
    ("a goal of a written version deleted",
     "DELETE FROM goal WHERE id = (SELECT max(g.id) FROM goal g JOIN contract_version v ON v.id = g.version_id "
     "WHERE v.municipality_code = :code AND g.title LIKE '% c%-w%-%')"),
    ("a draft's goal renamed",
     "UPDATE goal SET title = title || ' (ændret)' WHERE id = (SELECT max(g.id) FROM goal g "
     "JOIN contract_version v ON v.id = g.version_id WHERE v.municipality_code = :code)"),
    ("a recommendation lost",
     "DELETE FROM committee_recommendation WHERE id = (SELECT max(id) FROM committee_recommendation "
     "WHERE note LIKE 'Indstilling %')"),
    ("a publication undone",
     "UPDATE contract_version SET published_on = NULL WHERE id = (SELECT max(id) FROM contract_version "
     "WHERE municipality_code = :code AND published_on IS NOT NULL)"),
    ("an adoption undone",
     "UPDATE follow_up SET adopted_on = NULL, meeting_reference = NULL, published_on = NULL WHERE id = "
     "(SELECT max(id) FROM follow_up WHERE municipality_code = :code AND adopted_on IS NOT NULL)"),
    ("a budget date changed",
     "UPDATE budget_adoption SET adopted_on = date(adopted_on, '+1 day') WHERE municipality_code = :code "
     "AND budget_year = (SELECT max(budget_year) FROM budget_adoption WHERE municipality_code = :code)"),
    ("a goal status lost",
     "DELETE FROM goal_status WHERE id = (SELECT max(s.id) FROM goal_status s JOIN follow_up f "
     "ON f.id = s.follow_up_id WHERE f.municipality_code = :code)"),
    ("a dangling reference (foreign_key_check)",
     "INSERT INTO goal_status (follow_up_id, goal_id, result) SELECT max(id), 987654321, 'reached' FROM follow_up"),
]


def self_test(path, writers, workdir):
    """Tampers with copies of the database in the ways above; returns (caught, total). The checker must find each."""
    import os
    caught = 0
    writer = next(w for w in writers if any(op["outcome"] == "ack" for op in w.ops))
    for number, (name, sql) in enumerate(TAMPERINGS):
        copy_path = os.path.join(workdir, f"tampered-{number}.sqlite")
        source, copy = sqlite3.connect(path), sqlite3.connect(copy_path)
        source.backup(copy)
        source.close()
        for (trigger,) in copy.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
            copy.execute(f'DROP TRIGGER "{trigger}"')
        copy.execute("PRAGMA foreign_keys = OFF")
        copy.execute(sql, {"code": writer.code, "token": writer.token_id})
        copy.commit()
        copy.close()
        _, problems = verify(copy_path, writers)
        os.remove(copy_path)
        if problems:
            caught += 1
            if os.environ.get("CRASH_VERBOSE"):
                print(f"  checker self-test: {name}: {problems[0]}", flush=True)
        else:
            print(f"  checker self-test: NOT caught: {name}", flush=True)
    return caught, len(TAMPERINGS)


def kinds(writers):
    """Acknowledged writes per kind, as text."""
    counts = {}
    for op in (op for w in writers for op in w.ops if op["outcome"] == "ack"):
        counts[op["kind"]] = counts.get(op["kind"], 0) + 1
    return ", ".join(f"{kind} {count}" for kind, count in sorted(counts.items()))
