//! Risk assessment vocabulary (good practices 11 and 13) and the DPIA
//! screening rule (good practice 19): pure rules, tested as data.

use std::fmt;

/// A position on a four-step scale, 1 (lowest) to 4 (highest), as in
/// EBIOS Risk Manager and common ISO/IEC 27005 practice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Step(u8);

impl Step {
    pub const ALL: [Step; 4] = [Step(1), Step(2), Step(3), Step(4)];

    pub fn new(value: u8) -> Option<Step> {
        (1..=4).contains(&value).then_some(Step(value))
    }

    pub fn get(self) -> u8 {
        self.0
    }

    fn index(self) -> usize {
        usize::from(self.0 - 1)
    }
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// The level a likelihood and a severity give together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RiskLevel {
    Low,
    Moderate,
    High,
    Critical,
}

impl RiskLevel {
    pub const ALL: [RiskLevel; 4] = [
        RiskLevel::Low,
        RiskLevel::Moderate,
        RiskLevel::High,
        RiskLevel::Critical,
    ];

    pub fn id(self) -> &'static str {
        match self {
            RiskLevel::Low => "low",
            RiskLevel::Moderate => "moderate",
            RiskLevel::High => "high",
            RiskLevel::Critical => "critical",
        }
    }

    pub fn parse(input: &str) -> Option<RiskLevel> {
        RiskLevel::ALL
            .into_iter()
            .find(|level| level.id() == input.trim())
    }
}

/// A 4 × 4 table from (likelihood, severity) to level. An organisation may
/// set its own, as long as a higher likelihood or severity never lowers the level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RiskMatrix {
    /// `cells[likelihood - 1][severity - 1]`.
    cells: [[RiskLevel; 4]; 4],
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error(
    "a risk matrix may not lower the level when likelihood or severity rises (at likelihood {likelihood}, severity {severity})"
)]
pub struct NonMonotonicMatrix {
    pub likelihood: u8,
    pub severity: u8,
}

impl RiskMatrix {
    pub fn new(cells: [[RiskLevel; 4]; 4]) -> Result<RiskMatrix, NonMonotonicMatrix> {
        for l in 0..4 {
            for s in 0..4 {
                let lower_likelihood = l > 0 && cells[l][s] < cells[l - 1][s];
                let lower_severity = s > 0 && cells[l][s] < cells[l][s - 1];
                if lower_likelihood || lower_severity {
                    return Err(NonMonotonicMatrix {
                        likelihood: u8::try_from(l + 1).unwrap_or(4),
                        severity: u8::try_from(s + 1).unwrap_or(4),
                    });
                }
            }
        }
        Ok(RiskMatrix { cells })
    }

    pub fn level(&self, likelihood: Step, severity: Step) -> RiskLevel {
        self.cells[likelihood.index()][severity.index()]
    }

    /// The sixteen levels row by row (likelihood 1 first), as stored.
    pub fn to_ids(&self) -> String {
        self.cells
            .iter()
            .flat_map(|row| row.iter().map(|level| level.id()))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Reads what [`RiskMatrix::to_ids`] wrote: sixteen level ids.
    pub fn from_ids(text: &str) -> Option<RiskMatrix> {
        let levels: Vec<RiskLevel> = text
            .split_whitespace()
            .map(RiskLevel::parse)
            .collect::<Option<_>>()?;
        if levels.len() != 16 {
            return None;
        }
        let mut cells = [[RiskLevel::Low; 4]; 4];
        for (index, level) in levels.into_iter().enumerate() {
            cells[index / 4][index % 4] = level;
        }
        RiskMatrix::new(cells).ok()
    }
}

/// Where a risk of the register stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RiskStatus {
    /// Suggested by Procura for the project's types, not yet taken up.
    Proposed,
    /// In the register.
    Open,
    /// Set aside as not relevant; kept for the record.
    Dismissed,
}

impl RiskStatus {
    pub const ALL: [RiskStatus; 3] = [
        RiskStatus::Proposed,
        RiskStatus::Open,
        RiskStatus::Dismissed,
    ];

    pub fn id(self) -> &'static str {
        match self {
            RiskStatus::Proposed => "proposed",
            RiskStatus::Open => "open",
            RiskStatus::Dismissed => "dismissed",
        }
    }

    pub fn parse(input: &str) -> Option<RiskStatus> {
        RiskStatus::ALL
            .into_iter()
            .find(|status| status.id() == input.trim())
    }
}

impl Default for RiskMatrix {
    /// The usual reading: the level follows the product of the two steps.
    fn default() -> Self {
        use RiskLevel::{Critical as C, High as H, Low as L, Moderate as M};
        RiskMatrix {
            cells: [[L, L, M, M], [L, M, H, H], [M, H, H, C], [M, H, C, C]],
        }
    }
}

/// What is done about a risk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Treatment {
    Reduce,
    Accept,
    Transfer,
    Avoid,
}

impl Treatment {
    pub const ALL: [Treatment; 4] = [
        Treatment::Reduce,
        Treatment::Accept,
        Treatment::Transfer,
        Treatment::Avoid,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Treatment::Reduce => "reduce",
            Treatment::Accept => "accept",
            Treatment::Transfer => "transfer",
            Treatment::Avoid => "avoid",
        }
    }

    pub fn parse(input: &str) -> Option<Treatment> {
        Treatment::ALL
            .into_iter()
            .find(|treatment| treatment.id() == input.trim())
    }
}

/// The criteria of the EDPB guidelines on data protection impact assessment
/// (WP248 rev.01) that screen whether processing is likely to be high risk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DpiaCriterion {
    EvaluationOrScoring,
    AutomatedDecisions,
    SystematicMonitoring,
    SensitiveData,
    LargeScale,
    MatchedDatasets,
    VulnerablePersons,
    InnovativeTechnology,
    PreventsExerciseOfRight,
}

impl DpiaCriterion {
    pub const ALL: [DpiaCriterion; 9] = [
        DpiaCriterion::EvaluationOrScoring,
        DpiaCriterion::AutomatedDecisions,
        DpiaCriterion::SystematicMonitoring,
        DpiaCriterion::SensitiveData,
        DpiaCriterion::LargeScale,
        DpiaCriterion::MatchedDatasets,
        DpiaCriterion::VulnerablePersons,
        DpiaCriterion::InnovativeTechnology,
        DpiaCriterion::PreventsExerciseOfRight,
    ];

    pub fn id(self) -> &'static str {
        match self {
            DpiaCriterion::EvaluationOrScoring => "evaluation-or-scoring",
            DpiaCriterion::AutomatedDecisions => "automated-decisions",
            DpiaCriterion::SystematicMonitoring => "systematic-monitoring",
            DpiaCriterion::SensitiveData => "sensitive-data",
            DpiaCriterion::LargeScale => "large-scale",
            DpiaCriterion::MatchedDatasets => "matched-datasets",
            DpiaCriterion::VulnerablePersons => "vulnerable-persons",
            DpiaCriterion::InnovativeTechnology => "innovative-technology",
            DpiaCriterion::PreventsExerciseOfRight => "prevents-exercise-of-right",
        }
    }

    pub fn parse(input: &str) -> Option<DpiaCriterion> {
        DpiaCriterion::ALL
            .into_iter()
            .find(|criterion| criterion.id() == input.trim())
    }
}

/// The screening rule: two or more criteria met means a DPIA is required.
pub fn dpia_required(criteria_met: &[DpiaCriterion]) -> bool {
    let mut distinct = criteria_met.to_vec();
    distinct.sort();
    distinct.dedup();
    distinct.len() >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(n: u8) -> Step {
        Step::new(n).unwrap()
    }

    #[test]
    fn default_matrix_as_data() {
        use RiskLevel::*;
        let cases = [
            (1, 1, Low),
            (1, 4, Moderate),
            (2, 2, Moderate),
            (2, 3, High),
            (3, 2, High),
            (3, 4, Critical),
            (4, 1, Moderate),
            (4, 4, Critical),
        ];
        let matrix = RiskMatrix::default();
        for (likelihood, severity, expected) in cases {
            assert_eq!(
                matrix.level(step(likelihood), step(severity)),
                expected,
                "L{likelihood} S{severity}"
            );
        }
        assert_eq!(RiskMatrix::new(matrix.cells), Ok(matrix));
    }

    #[test]
    fn a_matrix_never_lowers_the_level_as_steps_rise() {
        use RiskLevel::*;
        let lowered = [
            [Low, Moderate, Low, High],
            [Low, Moderate, High, High],
            [Moderate, High, High, Critical],
            [Moderate, High, Critical, Critical],
        ];
        assert_eq!(
            RiskMatrix::new(lowered),
            Err(NonMonotonicMatrix {
                likelihood: 1,
                severity: 3
            })
        );
        let flat = [[High; 4]; 4];
        assert!(RiskMatrix::new(flat).is_ok());
    }

    #[test]
    fn a_matrix_is_stored_as_sixteen_ids() {
        let matrix = RiskMatrix::default();
        let text = matrix.to_ids();
        assert_eq!(text.split_whitespace().count(), 16);
        assert_eq!(RiskMatrix::from_ids(&text), Some(matrix));
        assert_eq!(RiskMatrix::from_ids("low low"), None);
        assert_eq!(RiskMatrix::from_ids(&text.replacen("low", "high", 1)), None);
    }

    #[test]
    fn steps_are_one_to_four() {
        assert!(Step::new(0).is_none());
        assert!(Step::new(5).is_none());
        assert_eq!(Step::ALL.map(Step::get), [1, 2, 3, 4]);
    }

    #[test]
    fn dpia_rule_as_data() {
        use DpiaCriterion::*;
        let cases: [(&[DpiaCriterion], bool); 6] = [
            (&[], false),
            (&[SensitiveData], false),
            (&[SensitiveData, SensitiveData], false),
            (&[SensitiveData, LargeScale], true),
            (
                &[VulnerablePersons, InnovativeTechnology, MatchedDatasets],
                true,
            ),
            (&[AutomatedDecisions, EvaluationOrScoring], true),
        ];
        for (criteria, expected) in cases {
            assert_eq!(dpia_required(criteria), expected, "{criteria:?}");
        }
    }

    #[test]
    fn ids_round_trip() {
        for criterion in DpiaCriterion::ALL {
            assert_eq!(DpiaCriterion::parse(criterion.id()), Some(criterion));
        }
        for treatment in Treatment::ALL {
            assert_eq!(Treatment::parse(treatment.id()), Some(treatment));
        }
        for level in RiskLevel::ALL {
            assert_eq!(RiskLevel::parse(level.id()), Some(level));
        }
    }
}
