"""Background work: every way the plugin runs something off the GUI thread.

Which to use (README, "Notes for contributors", says why):

- ``core_task.CoreTask`` + ``core_task.start_task``: a user-visible job (progress and
  cancel in QGIS's task bar): connect, browse, pre-flight, sign-in, upload, save HD.
  ``lost_task.LostTaskWatch`` starts it again if QGIS 3.22 loses it.
- ``job_pool``: many small, short fetches that must never queue behind the map render
  (the viewer's items and pictures): a pool of our own, results by queued signal.
- ``qthreads``: inside a task, blocking work that needs Qt network timers on more than
  one thread at once (a side listing next to a search, files sent N at a time).
- ``core.uploader.run_in_python_threads`` (a ``ThreadPoolExecutor``): the same outside
  QGIS (core, tests, benchmarks), where requests needs no Qt timers.
"""
