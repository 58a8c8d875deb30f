"""Reference results with provenance, copied from shared/reference/mobility-anchors.md.

[PUB] printed in a paper or a package's docs/tests; [COMP] computed by R gnm 1.1-2
and statsmodels GLM independently, agreeing to 4 decimals (per the anchors file).
"""

# Glass (1954), British fathers (rows) and sons, highest status first. N = 3500.
GLASS = [
    [50, 45, 8, 18, 8],
    [28, 174, 84, 154, 55],
    [11, 78, 110, 223, 96],
    [14, 150, 185, 714, 447],
    [3, 42, 72, 320, 411],
]
# [COMP] model -> (G2, df); X2 for independence; gamma for the uniform-association models.
GLASS_FITS = {
    "independence": (792.1896, 16),
    "quasi_independence": (235.7818, 11),
    "uniform_association": (79.4407, 15),
    "uniform_association_diagonal": (14.0793, 10),
    "row_effects": (61.5426, 12),
    "symmetry": (37.4637, 10),
    "quasi_symmetry": (4.6641, 6),
    "rc1": (43.9681, 9),
    "rc1_diagonal": (3.8987, 4),
    "homogeneous_rc_diagonal": (4.7233, 7),
}
GLASS_INDEPENDENCE_X2 = 1176.5278
GLASS_GAMMA = {"uniform_association": 0.411864, "uniform_association_diagonal": 0.328803}
# [COMP] absolute rates and Altham distance from independence.
GLASS_RATES = {"immobile": 0.416857, "upward": 0.258000, "downward": 0.325143,
               "structural": 0.048286}
GLASS_ALTHAM = 43.048

# Hauser (1979), US 1973 OCG-II (UpNM, LoNM, UpM, LoM, Farm). N = 19,912.
HAUSER = [
    [1414, 521, 302, 643, 40],
    [724, 524, 254, 703, 48],
    [798, 648, 856, 1676, 108],
    [756, 914, 771, 3325, 237],
    [409, 357, 441, 1611, 1832],
]
# [PUB] R vcdExtra docs: model -> (G2, df, decimals printed).
HAUSER_FITS = {
    "independence": (6170.1, 16, 1),
    "quasi_independence": (683.3, 11, 1),
    "quasi_symmetry": (27.4, 6, 1),
    "uniform_association": (2280.7, 15, 1),
    "row_effects": (2080.2, 12, 1),
    "uniform_association_diagonal": (73.007, 10, 3),
    "rc1": (685.45, 9, 2),
}
HAUSER_GAMMA_UA_DIAGONAL = 0.1584003

# Yaish (Israel), educ x orig x dest 5x7x7; Unidiff of orig x dest by educ, dest 7 dropped.
# [PUB] gnm help page ?yaish and logmult's tests.
YAISH_UNIDIFF_DEVIANCE = 200.326
YAISH_UNIDIFF_DF = 116
YAISH_LAYER_EFFECTS = [0.0, -0.2253718, -0.7434236, -1.0389386, -2.2495026]
YAISH_LAYER_SE = [0.1612, 0.2335, 0.3434, 0.9454]

# US state incomes 1929-2009 (usjoin.csv, PySAL libpysal examples, BSD). [PUB] giddy docs/tests.
USJOIN_COUNTS = [
    [729, 71, 1, 0, 0],
    [72, 567, 80, 3, 0],
    [0, 81, 631, 86, 2],
    [0, 3, 86, 573, 56],
    [0, 0, 1, 57, 741],
]
USJOIN_STEADY_STATE = [0.20774716, 0.18725774, 0.20740537, 0.18821787, 0.20937187]
USJOIN_SHORROCKS = 0.19758992000997844
USJOIN_DETERMINANT = 0.60684854623695594
USJOIN_EIGENVALUE = 0.039782002308159647
USJOIN_INITIAL = [0.1, 0.2, 0.2, 0.4, 0.1]
USJOIN_BARTHOLOMEW_B2 = 0.046366601194789261
USJOIN_BARTHOLOMEW_B1 = 0.2277675878319787
USJOIN_PRAIS = [0.08988764, 0.21468144, 0.21125, 0.20194986, 0.07259074]
