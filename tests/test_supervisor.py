"""The supervisor restarts a crashed child with back-off and stops every child on a signal."""

import asyncio
import signal
import sys
import time

from bot.supervisor import ChildSpec, Supervisor, backoff_delay


def test_backoff_grows_and_is_capped():
    assert [backoff_delay(n) for n in range(1, 5)] == [0.5, 1.0, 2.0, 4.0]
    assert backoff_delay(50) == 30.0


def test_crashed_child_is_restarted_and_all_stop_on_sigterm(tmp_path, capsys):
    starts = tmp_path / "starts"
    crasher = ChildSpec(
        "crasher",
        [sys.executable, "-c", f"open({str(starts)!r}, 'a').write('x'); raise SystemExit(3)"],
    )
    sleeper = ChildSpec(
        "sleeper", [sys.executable, "-c", "import time; print('up', flush=True); time.sleep(60)"]
    )
    supervisor = Supervisor([crasher, sleeper])

    async def scenario():
        async def stop_later():
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline:
                await asyncio.sleep(0.2)
                if starts.exists() and len(starts.read_text()) >= 3:
                    break
            signal.raise_signal(signal.SIGTERM)

        await supervisor.run(on_started=stop_later)

    asyncio.run(scenario())
    assert len(starts.read_text()) >= 3  # started, crashed, restarted, ...
    for process in supervisor.processes.values():
        assert process.returncode is not None  # nothing left running
    err = capsys.readouterr()
    assert "[sleeper] up" in err.out
