"""Mentoring forms: programmes and their questions (leads), sign-up, requests, runs."""

from __future__ import annotations

from django import forms

from upward.web.mentoring import candidates
from upward.web.mentoring.models import MAX_NAME, MAX_TEXT, Kind, Mode, Programme, Side

LINES_HINT = "One a line."
MAX_LIST_TEXT = 4000


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _list_field(label: str, hint: str = LINES_HINT, required: bool = False) -> forms.CharField:
    return forms.CharField(label=label, help_text=hint, required=required,
                           max_length=MAX_LIST_TEXT, widget=forms.Textarea(attrs={"rows": 5}))


def _weight_field(label: str, hint: str, initial: int) -> forms.IntegerField:
    return forms.IntegerField(
        label=label, help_text=hint, min_value=0, max_value=1000, initial=initial,
        error_messages={"required": f"Enter the points for {label.lower()} (0 for none)",
                        "invalid": f"Points for {label.lower()} must be a whole number",
                        "min_value": "Points must be 0 or more",
                        "max_value": "Points must be 1000 or fewer"})


class WeightsMixin:
    """Adds a number field per matching criterion of the programme (``weight_<key>``)."""

    def add_weight_fields(self, programme: Programme | None, values: dict[str, int]) -> None:
        self.weight_keys = []
        for key, label, hint in candidates.criteria(programme):
            name = "weight_" + key.replace(":", "__")
            self.fields[name] = _weight_field(label, hint, values.get(key, 0))
            self.weight_keys.append((name, key))

    def cleaned_weights(self) -> dict[str, int]:
        return {key: self.cleaned_data[name] for name, key in self.weight_keys}

    def weight_fields(self):
        return [self[name] for name, _ in self.weight_keys]


class ProgrammeForm(WeightsMixin, forms.Form):
    error_names = {"name": "programme name"}
    LISTS = ("grades", "functions", "goals", "skills", "lived_experience", "availability",
             "locations")

    name = forms.CharField(label="Name", max_length=MAX_NAME)
    description = forms.CharField(label="Description", required=False, max_length=MAX_TEXT,
                                  help_text="What the programme is for and who it is for.",
                                  widget=forms.Textarea(attrs={"rows": 4}))
    kind = forms.ChoiceField(label="Kind of programme", choices=Kind.choices,
                             widget=forms.RadioSelect,
                             error_messages={"required": "Select the kind of programme"})
    signup_closes_on = forms.DateField(
        label="Sign-up closes on", required=False, help_text="Cohorts only. For example, "
        "2027-03-31.", error_messages={"invalid": "Enter the date sign-up closes, like 2027-03-31"})
    starts_on = forms.DateField(label="Starts on", required=False, error_messages={
        "invalid": "Enter the start date, like 2027-04-01"})
    ends_on = forms.DateField(label="Ends on", required=False, error_messages={
        "invalid": "Enter the end date, like 2027-09-30"})
    grades = _list_field("Grades", "One a line, the most junior first.")
    functions = _list_field("Functions")
    goals = _list_field("Goals", "One a line. Left empty, the usual goals are offered "
                                 "(first promotion, moving function, confidence, …).")
    skills = _list_field("Skills")
    lived_experience = _list_field(
        "Lived experience tags", "One a line. Mentors choose which to show; mentees may ask "
        "for them. Left empty, the usual tags are offered.")
    availability = _list_field("Ways and times to meet", "One a line. Left empty: in person, "
                                                         "video call, mornings, …")
    locations = _list_field("Locations")
    mode = forms.ChoiceField(label="How to match", choices=Mode.choices, widget=forms.RadioSelect,
                             error_messages={"required": "Select how to match"})
    exclude_line_manager = forms.BooleanField(
        label="Never pair someone with their line manager", required=False, initial=True)
    exclude_same_team = forms.BooleanField(label="Never pair two people from the same team",
                                           required=False)
    min_grade_gap = forms.IntegerField(
        label="Smallest grade gap", required=False, min_value=-20, max_value=20,
        help_text="How many grades above the mentee the mentor must be at least. Empty for "
                  "no limit.", error_messages={"invalid": "Enter the smallest gap as a number"})
    max_grade_gap = forms.IntegerField(
        label="Largest grade gap", required=False, min_value=-20, max_value=20,
        help_text="Empty for no limit.",
        error_messages={"invalid": "Enter the largest gap as a number"})
    ideal_grade_gap = forms.IntegerField(
        label="Ideal grade gap", min_value=0, max_value=20, initial=2,
        help_text="The seniority gap that earns full points.",
        error_messages={"required": "Enter the ideal grade gap",
                        "invalid": "Enter the ideal grade gap as a number"})
    default_capacity = forms.IntegerField(
        label="Mentees a mentor usually takes", min_value=1, max_value=20, initial=1,
        error_messages={"required": "Enter how many mentees a mentor usually takes"})
    max_capacity = forms.IntegerField(
        label="Most mentees a mentor may take", min_value=1, max_value=20, initial=3,
        error_messages={"required": "Enter the most mentees a mentor may take"})
    allow_requests = forms.BooleanField(
        label="Mentees may browse suggested mentors and ask one", required=False, initial=True)
    nudge_after_weeks = forms.IntegerField(
        label="Nudge a pair that has not met for this many weeks", min_value=1, max_value=52,
        initial=4, error_messages={"required": "Enter after how many weeks to nudge a pair"})

    def __init__(self, *args, programme: Programme | None = None, **kwargs):
        if programme is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                **{name: getattr(programme, name) for name in self.base_fields
                   if name not in self.LISTS and hasattr(programme, name)},
                **{name: "\n".join(getattr(programme, name)) for name in self.LISTS}}
        super().__init__(*args, **kwargs)
        values = candidates.programme_weights(programme) if programme is not None \
            else candidates.default_weights()
        self.add_weight_fields(programme, values)

    def service_fields(self) -> dict:
        data = {name: value for name, value in self.cleaned_data.items()
                if not name.startswith("weight_")}
        for name in self.LISTS:
            data[name] = _lines(data[name])
        data["weights"] = self.cleaned_weights()
        return data


class QuestionForm(forms.Form):
    error_names = {"text": "question"}
    text = forms.CharField(label="Question", max_length=200,
                           help_text="For example, “How would you like to meet?”")
    options = forms.CharField(label="Answers to choose from", max_length=MAX_LIST_TEXT,
                              help_text="One a line, at least 2.",
                              widget=forms.Textarea(attrs={"rows": 4}),
                              error_messages={"required": "Enter the answers to choose from"})
    weight = forms.IntegerField(label="Points when mentor and mentee give the same answer",
                                min_value=0, max_value=1000, initial=10,
                                error_messages={"required": "Enter the points (0 for none)"})

    def options_list(self) -> list[str]:
        return _lines(self.cleaned_data["options"])


def _handle(user) -> str:
    """How the sign-up form names a person back to its owner: their @handle, which
    names one person even when two share a name."""
    return "@" + user.email.split("@")[0]


def _choices(values) -> list[tuple[str, str]]:
    return [(v, v) for v in values]


#: Fields a coffee roulette sign-up does not ask (nobody is matched on them).
ROULETTE_SKIPS = ("side", "wanted_function", "goals", "skills_wanted", "skills_offered",
                  "lived_experience_shown", "lived_experience_wanted", "capacity",
                  "line_manager", "avoid", "use_profile", "grade", "function")


class SignupForm(forms.Form):
    error_names = {"about": "what you write about yourself"}

    side = forms.ChoiceField(
        label="How do you want to take part?", widget=forms.RadioSelect,
        choices=[(Side.MENTEE, "As a mentee: I would like a mentor"),
                 (Side.MENTOR, "As a mentor: I would like to help someone"),
                 (Side.BOTH, "Both")],
        error_messages={"required": "Select whether you want to be a mentor, a mentee or both"})
    grade = forms.ChoiceField(label="Your grade", required=False)
    function = forms.ChoiceField(label="Your function", required=False)
    wanted_function = forms.ChoiceField(
        label="Mentees: the function you would like a mentor from", required=False,
        help_text="Leave as “No preference” if it does not matter.")
    team = forms.CharField(label="Your team", required=False, max_length=80,
                           help_text="Used only to keep people in the same team apart, when the "
                                     "programme does that. Nobody is shown it.")
    location = forms.ChoiceField(label="Where you work", required=False)
    goals = forms.MultipleChoiceField(
        label="Goals", required=False, widget=forms.CheckboxSelectMultiple,
        help_text="Mentees: what you would like help with. Mentors: what you can help with.")
    skills_wanted = forms.MultipleChoiceField(
        label="Mentees: skills you would like to build", required=False,
        widget=forms.CheckboxSelectMultiple)
    skills_offered = forms.MultipleChoiceField(
        label="Mentors: skills you can offer", required=False,
        widget=forms.CheckboxSelectMultiple)
    lived_experience_shown = forms.MultipleChoiceField(
        label="Mentors: lived experience you choose to show mentees", required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Only what you tick here is shown, and only to mentees in this programme. "
                  "It is never taken from anything else you have told us.")
    lived_experience_wanted = forms.MultipleChoiceField(
        label="Mentees: lived experience you would like your mentor to have", required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Nobody sees what you tick here, not even your mentor: it only helps "
                  "suggest mentors who chose to show it.")
    availability = forms.MultipleChoiceField(label="How and when you can meet", required=False,
                                             widget=forms.CheckboxSelectMultiple)
    capacity = forms.IntegerField(
        label="Mentors: how many mentees you can take at once", required=False, min_value=1,
        max_value=20, error_messages={"invalid": "Enter how many mentees as a number",
                                      "min_value": "You can take at least 1 mentee"})
    about = forms.CharField(label="About you", required=False, max_length=MAX_TEXT,
                            widget=forms.Textarea(attrs={"rows": 4}),
                            help_text="What the other side sees about you, in your words.")
    line_manager = forms.CharField(
        label="Your line manager (optional)", required=False, max_length=120,
        help_text="Their name or handle, like @sam.jones. Used only so you are never matched "
                  "with them. Nobody is shown it.")
    avoid = forms.CharField(
        label="People you would rather not be matched with (optional)", required=False,
        max_length=MAX_LIST_TEXT, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Names or handles, one a line. Nobody is shown this, and nobody is told.")
    use_profile = forms.BooleanField(
        label="Matching may read my profile's “ask me about” topics and career timeline",
        required=False, initial=True,
        help_text="Mentors: explanations then name the topics that match, and a job on your "
                  "timeline in the function a mentee wants a mentor from (only if your profile "
                  "shows your career timeline to network members).")

    def __init__(self, *args, programme: Programme | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        programme = programme or Programme()
        blank = [("", "Not given")]
        self.fields["grade"].choices = blank + _choices(programme.grades)
        self.fields["function"].choices = blank + _choices(programme.functions)
        self.fields["wanted_function"].choices = [("", "No preference")] + \
            _choices(programme.functions)
        self.fields["location"].choices = blank + _choices(programme.locations)
        self.fields["goals"].choices = _choices(programme.goals)
        for name in ("skills_wanted", "skills_offered"):
            self.fields[name].choices = _choices(programme.skills)
        for name in ("lived_experience_shown", "lived_experience_wanted"):
            self.fields[name].choices = _choices(programme.lived_experience)
        self.fields["availability"].choices = _choices(programme.availability)
        self.fields["capacity"].max_value = programme.max_capacity
        self.fields["capacity"].help_text = f"From 1 to {programme.max_capacity}."
        self.question_keys = []
        for question in (programme.questions.all() if programme.pk else []):
            name = f"answer_{question.key}"
            self.fields[name] = forms.ChoiceField(
                label=question.text, required=False, widget=forms.RadioSelect,
                choices=[("", "Rather not say"), *_choices(question.options)])
            self.question_keys.append((name, question.key))
        for name in ("grade", "function", "location"):
            if not self.fields[name].choices[1:]:
                del self.fields[name]
        for name in ("skills_wanted", "skills_offered", "availability",
                     "lived_experience_shown", "lived_experience_wanted", "goals"):
            if not self.fields[name].choices:
                del self.fields[name]
        if not programme.functions:
            del self.fields["wanted_function"]
        if programme.kind == Kind.ROULETTE:  # everyone meets everyone: no sides, no matching
            for name in ROULETTE_SKIPS:
                self.fields.pop(name, None)

    @staticmethod
    def initial_for_new(user, programme: Programme) -> dict:
        """A first sign-up starts from the person's own profile (team, location)."""
        profile = getattr(user, "profile", None)
        location = getattr(profile, "location", "")
        return {"capacity": programme.default_capacity, "team": getattr(profile, "team", ""),
                "location": location if location in programme.locations else ""}

    @staticmethod
    def initial_for(participant) -> dict:
        initial = {name: getattr(participant, name) for name in (
            "side", "grade", "function", "wanted_function", "team", "location", "goals",
            "skills_wanted", "skills_offered", "lived_experience_shown",
            "lived_experience_wanted", "availability", "capacity", "about", "use_profile")}
        initial.update({f"answer_{k}": v for k, v in (participant.answers or {}).items()})
        manager = participant.line_manager
        initial["line_manager"] = _handle(manager) if manager else ""
        initial["avoid"] = "\n".join(_handle(p) for p in participant.avoid.all())
        return initial

    def service_fields(self) -> dict:
        data = self.cleaned_data
        fields = {name: data.get(name) for name in (
            "side", "grade", "function", "wanted_function", "team", "location", "goals",
            "skills_wanted", "skills_offered", "lived_experience_shown",
            "lived_experience_wanted", "availability", "capacity", "about", "use_profile")}
        for name in fields:
            if name not in self.fields:  # not asked in this programme
                field = self.base_fields[name]
                fields[name] = [] if isinstance(field, forms.MultipleChoiceField) else \
                    False if isinstance(field, forms.BooleanField) else ""
        fields["capacity"] = data.get("capacity")
        if "side" not in self.fields:  # a roulette sign-up: one side fits everyone
            fields["side"] = Side.BOTH
        fields["answers"] = {key: data[name] for name, key in self.question_keys if data[name]}
        return fields

    def people_texts(self) -> tuple[str, list[str]]:
        return (self.cleaned_data.get("line_manager", ""),
                _lines(self.cleaned_data.get("avoid", "")))


class RequestForm(forms.Form):
    error_names = {"message": "message"}
    message = forms.CharField(
        label="Message to the mentor (optional)", required=False, max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Say what you would like help with. Only the mentor reads it.")


class DeclineForm(forms.Form):
    error_names = {"reason": "reason"}
    reason = forms.CharField(label="Reason (optional)", required=False, max_length=300,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text="The mentee is told you cannot be their mentor; they "
                                       "see this reason only in their list of requests.")


class RunForm(WeightsMixin, forms.Form):
    mode = forms.ChoiceField(label="How to match", choices=Mode.choices,
                             widget=forms.RadioSelect,
                             error_messages={"required": "Select how to match"})

    def __init__(self, *args, programme: Programme | None = None, weights: dict | None = None,
                 **kwargs):
        programme = programme or Programme()
        kwargs.setdefault("initial", {"mode": programme.mode})
        super().__init__(*args, **kwargs)
        self.add_weight_fields(programme, weights or candidates.programme_weights(programme))


class MatchSetForm(forms.Form):
    mentee = forms.TypedChoiceField(label="Mentee", coerce=int,
                                    error_messages={"required": "Select a mentee"})
    mentor = forms.TypedChoiceField(label="Mentor", coerce=int,
                                    error_messages={"required": "Select a mentor"})

    def __init__(self, *args, mentees=(), mentors=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentee"].choices = [("", "Choose a mentee"), *mentees]
        self.fields["mentor"].choices = [("", "Choose a mentor"), *mentors]
