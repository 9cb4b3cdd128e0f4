// Every test here starts real servers, games and a browser: on a small shared machine they run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
