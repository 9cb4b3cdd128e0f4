// Every test here drives one shared `aerie up` stack whose state the flows change: one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
