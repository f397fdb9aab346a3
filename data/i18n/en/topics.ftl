topic-patching = Patching
topic-vulnerability-disclosure = Vulnerability disclosure
topic-logging = Logging
topic-incidents = Incidents
topic-remote-access = Remote access and maintenance
topic-end-of-contract = End of contract
topic-sbom = Software bill of materials (SBOM)
topic-encryption = Encryption
topic-authentication = Authentication
topic-hardening = Hardening
topic-network = Network
topic-testing = Security testing
topic-data-protection = Data protection
topic-hosting = Hosting
topic-continuity = Continuity
topic-certification = Certifications
topic-subcontracting = Subcontracting
topic-training = Training
topic-assets = Asset inventory
topic-change = Changes
topic-reversibility = Reversibility
topic-administration = Administration
topic-device-security = Device security
topic-mobile = Mobile and home use
topic-governance = Governance
topic-acceptance = Verification and acceptance
tender-theme-filter = Theme
tender-theme-all = All themes
tender-theme-apply = Filter
tender-theme-count = { $count ->
    [one] 1 requirement
   *[other] { $count } requirements
}
invalid-theme = There is no such theme.
tender-theme-filtered = Only this theme's requirements are shown: saving changes them only; the others stay as they are.
