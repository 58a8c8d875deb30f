def roulette_pairs(*a, **k): raise NotImplementedError
