# The network (maillage): pages, exports, declared links.
network-territory-title = Network of the territory
network-grouping-title = Network of { $name }
network-event-title = Network of the event “{ $name }”
network-intro = Links between organizations come from real work: attending the same sessions (stronger at the same table), joint actions, membership of other groupings, declared links and, for the grouping’s accounts, its referrals between organizations. Only organizations appear here; people are visible only to the grouping’s members, on its own network.
network-filters = Filters
network-from = From
network-at = To (the network on this date)
network-sector = Sector
network-all-sectors = All sectors
network-min-weight = Threshold: minimum link weight
network-size-by = Node size by
network-sources = Link sources
network-apply = Filter
network-source-co-attendance = Same session
network-source-same-team = Same table
network-source-joint-action = Joint action
network-source-co-membership = Other shared grouping
network-source-declared = Declared link
network-source-referral = Referral
network-degree = Direct links (degree centrality)
network-betweenness = Bridging role (betweenness)
network-closeness = Nearness to all (closeness centrality)
network-eigenvector = Influence (eigenvector centrality)
network-col-name = Organization
network-col-sector = Sector
network-col-community = Community
network-no-sector = Sector not given
network-bad-date = Invalid date: use the YYYY-MM-DD format.
network-bad-source = Unknown source: co_attendance, same_team, joint_action, co_membership, declared or referral.
network-bad-weight = The threshold must be a number, zero or more.
network-organizations = organizations
network-links = Links
network-new-links = New links
network-density = Share of possible links that exist
network-density-percent = Density (%)
network-components = Groups with no link between them
network-clustering = Neighbours linked to each other
network-communities = Subgroups
network-modularity = sharpness of the subgroups
network-cross-share = Share of cross-sector links
network-ei = openness to other sectors
network-drawing = The network
network-svg-title = Network of organizations
network-svg-desc = { $count ->
    [one] { $count } organization,
   *[other] { $count } organizations,
  } coloured by sector; each node leads to the organization’s page.
network-help = Wheel or pinch to zoom, drag to move; with the keyboard: + and − to zoom, arrows to move, 0 to reset. Hover an organization to see its neighbours; click to open its page.
network-zoom-in = Zoom in
network-zoom-out = Zoom out
network-zoom-reset = Overview
network-sampled = Large network: betweenness and closeness are estimated from 200 organizations drawn at random.
network-export = Export
network-nodes-csv = nodes (CSV)
network-edges-csv = links (CSV)
network-export-description = Links between organizations (maillage), with their sources, weights and first-seen dates.
network-new-by-session = New links, session by session
network-session = Session { $number }
network-new-links-count =
    { $count ->
        [0] No new link
        [one] { $count } new link
       *[other] { $count } new links
    }
network-cross-sector-count =
    { $count ->
        [0] none between different sectors
        [one] { $count } between different sectors
       *[other] { $count } between different sectors
    }
network-new-sector-pairs =
    { $count ->
        [0] no pair of sectors linked for the first time
        [one] { $count } pair of sectors linked for the first time
       *[other] { $count } pairs of sectors linked for the first time
    }
network-pairs-caption = New links by the sectors of both organizations
network-sector-a = Sector
network-sector-b = Sector
network-first-between = first time
network-which-links = Which links?
network-first-timers = Organizations present for the first time
network-first-timers-count =
    { $count ->
        [one] { $count } organization took part in an event of the grouping for the first time.
       *[other] { $count } organizations took part in an event of the grouping for the first time.
    }
network-growth = Growth of the network, event by event
network-growth-links = Links of the network at the end of each event
network-growth-shares = Density and cross-sector share (%)
network-brokers = Bridging organizations
network-no-brokers = No organization alone links sectors.
network-isolates = Members without a link
network-no-isolates = Every member has at least one link.
network-metrics = Metrics by organization
network-table-first = { $count ->
    [one] The first organization
   *[other] The first { $count } organizations
  } in this order; the CSV export has them all.
network-ego = Network of the organization
network-ego-count =
    { $count ->
        [one] { $count } linked organization
       *[other] { $count } linked organizations
    }
network-ego-among =
    { $count ->
        [0] no link among them
        [one] { $count } link among them
       *[other] { $count } links among them
    }
network-ego-desc = The organization in the centre, { $count ->
    [one] { $count } linked organization around
   *[other] { $count } linked organizations around
  }, { $among_count ->
    [one] { $among_count } link among them.
   *[other] { $among_count } links among them.
  }
network-ego-none = No link observed yet.
network-declared-title = Your new links
network-declared-question = With which organizations did you make a new contact, exchange information, plan a collaboration?
network-declared-hint = Tick the organizations present at the event and choose how far the link went. Sending again replaces what you sent before.
network-declared-for = On behalf of { $name }
network-declared-level-for = Level of the link with { $name }
network-declared-save = Save
network-declared-saved = Thank you! Your links are saved.
network-declared-no-org = Your registration is linked to no organization: ask the event’s coordinator to link it, then come back to this page.
network-declared-nobody = No other organization has been recorded present at this event yet.
network-level-1 = Acquaintance
network-level-2 = Information exchange
network-level-3 = Collaboration
network-level-4 = Formal partnership
network-by-grouping = Network of each grouping
network-drawn-part = The drawing shows the { $nodes } largest organizations by the chosen measure (out of { $total }) and at most { $links } links, the strongest, between them; the figures, the table and the exports cover the whole network.

# The people level (inside a grouping only).
network-level = Level
network-level-organizations = Organizations
network-level-people = People
network-level-hint = The people level is visible only inside the grouping.
network-bad-level = Unknown level: organizations or people.
network-people-intro = Links between people come from attending the same sessions of the grouping’s events, stronger at the same table. This level is visible only inside the grouping; public pages show organizations only.
network-people = people
network-people-svg-title = Network of people
network-people-svg-desc = { $count ->
    [one] { $count } person,
   *[other] { $count } people,
  } coloured by their organization’s sector; each node leads to the organization’s page.
network-col-person = Person
network-col-organization = Organization
network-people-brokers = Bridging people
network-people-no-brokers = No person alone links sectors.
network-people-isolates = People without a link
network-people-no-isolates = Everyone present has at least one link.
network-people-metrics = Metrics by person
network-people-export-description = Links between people of a grouping (maillage), with their sources, weights and first-seen dates; no e-mail address. Internal data of the grouping.
network-isolates-more = … and { $count } more: the nodes CSV export lists them all.
network-people-help = Wheel or pinch to zoom, drag to move; with the keyboard: + and − to zoom, arrows to move, 0 to reset. Hover a person to see whom they are linked with; click to open their organization’s page.

# Weighting, threshold and measures in plain language (issue 15).
network-weighting = Link weighting
network-weighting-collaboration = Collaboration (each meeting counts by the size of the group)
network-weighting-count = Number of meetings (unweighted)
network-bad-weighting = Unknown weighting: collaboration or nombre.
network-min-weight-hint = Default 0.2: what one table of six organizations makes. A plenary of 48 organizations makes only 0.02 per pair. Use 0 to see every link.
network-scope = The measures count the { $count ->
    [one] { $count } link
   *[other] { $count } links
  } of weight ≥ { $threshold } ({ $weighting }); { $weaker_count ->
    [0] no weaker link is left out.
    [one] { $weaker_count } weaker link is left out.
   *[other] { $weaker_count } weaker links are left out.
  }
network-scope-collaboration = collaboration weighting
network-scope-count = number of meetings
network-organizations-count = { $count ->
    [one] organization
   *[other] organizations
  }
network-people-count = { $count ->
    [one] person
   *[other] people
  }
network-links-count = { $count ->
    [one] link
   *[other] links
  }
network-components-count = { $count ->
    [one] group with no link to the others
   *[other] groups with no link between them
  }
network-communities-count = { $count ->
    [one] subgroup
   *[other] subgroups
  }
network-term-density = density
network-term-components = connected components
network-term-clustering = average clustering coefficient
network-term-communities = Louvain communities, modularity
network-term-ei = Krackhardt’s E-I index
network-help-density = Density: the links that exist divided by every possible link between these organizations, from 0 (none) to 1 (all linked to all).
network-help-components = Connected components: the pieces of the network that no path of links joins (an organization alone is one).
network-help-clustering = Average clustering coefficient: for each organization, the share of its neighbours that are also linked to each other, on average, from 0 to 1.
network-help-communities = Communities: subgroups of organizations more linked to each other than to the rest (Louvain method). Modularity says how sharp they are, from 0 (no subgroups) to nearly 1.
network-help-cross-share = The share of links between two organizations of different sectors, among the links whose two organizations have a sector.
network-help-ei = Krackhardt’s E-I index: links to other sectors minus links within the sector, divided by all links, from −1 (everyone stays in their sector) to +1 (every link crosses sectors).
network-help-degree = Degree centrality: an organization’s direct links divided by the number of other organizations (0 to 1).
network-help-betweenness = Betweenness: the share of shortest paths between two other organizations that go through this one. A bridging organization joins groups that would otherwise be far apart.
network-help-closeness = Closeness centrality: how few links, on average, separate an organization from all the others (the nearer to 1, the faster it reaches them).
network-help-eigenvector = Eigenvector centrality: an organization is influential when it is linked to organizations that are influential themselves.
network-definitions = How to read this network
network-definitions-links = Where links come from
network-definitions-weight = A link’s weight
network-definitions-measures = The measures
network-define-co-attendance = Same session: both organizations were marked present at the same session of an event.
network-define-same-team = Same table: people of both organizations sat at the same table (team) of an event.
network-define-joint-action = Joint action: both organizations lead or support the same action of a plan.
network-define-co-membership = Other shared grouping: both organizations are members of the same other grouping (on a grouping’s page, its own does not count).
network-define-declared = Declared link: after an event, someone declared a link with the other organization, from acquaintance (1) to formal partnership (4).
network-define-referral = Referral: one organization referred a person to a service of the other, through the grouping (0.5 per referral). Seen only by the grouping’s accounts; no personal data.
network-define-weight = Each session, table or other grouping shared by n organizations adds 1/(n − 1) to the link of each pair (Newman’s 2001 collaboration weighting): two organizations alone at a table add 1, a table of six adds 0.2, a plenary of 48 adds 0.02. A joint action adds 1, a declared link its level (1 to 4), a referral 0.5. A link’s weight is the sum of all that. The number of meetings counts each session, table, action, grouping or declaration as 1, whatever its size.
network-define-threshold = The page opens on the links of weight 0.2 or more: one shared table or one joint action is enough to make a link, a plenary alone is not. The figures, the drawing, the table and the exports count those links.
network-export-weights = In the exports, “weight” is the collaboration weight and “count” the number of meetings, with the detail by source.
network-ego-threshold = (links of weight ≥ { $threshold }: a shared table or a joint action, not a plenary alone).
