package io.github.sparkbitbucket.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Fills a store with realistic data: seeded and deterministic (the same seed and dataset give
 * byte-identical JSON), with skew across repositories (one large one), realistic names, users,
 * states and timestamps. Time runs from a fixed start, never from the clock.
 */
final class DataGenerator {
  /** Total rows above which repository tables are stored compactly from the start. */
  static final long LARGE_ROWS = 100_000;
  private static final Instant START = Instant.parse("2022-01-03T08:30:00Z");
  private static final String[] FIRST = {"Ada", "Grace", "Linus", "Margaret", "Ken", "Barbara", "Dennis", "Frances",
      "Alan", "Radia", "Guido", "Katherine", "James", "Hedy", "Bjarne", "Sophie", "Tim", "Anita", "Donald", "Joan",
      "Edsger", "Lynn", "John", "Carol", "Niklaus", "Mary", "Yukihiro", "Priya", "Chen", "Olga"};
  private static final String[] LAST = {"Lovelace", "Hopper", "Torvalds", "Hamilton", "Thompson", "Liskov",
      "Ritchie", "Allen", "Turing", "Perlman", "van Rossum", "Johnson", "Gosling", "Lamarr", "Stroustrup", "Wilson",
      "Berners-Lee", "Borg", "Knuth", "Clarke", "Dijkstra", "Conway", "Backus", "Shaw", "Wirth", "Keller",
      "Matsumoto", "Natarajan", "Wei", "Petrova"};
  private static final String[] REPO_NAMES = {"api-gateway", "web-app", "data-pipeline", "billing-service",
      "auth-service", "mobile-app", "infra-terraform", "search-indexer", "notification-service", "design-system",
      "analytics-dashboard", "payments-core", "docs-site", "cli-tools", "ml-models", "inventory-service",
      "shipping-service", "admin-portal", "event-bus", "config-repo", "load-tests", "sdk-java", "sdk-python",
      "legacy-monolith"};
  private static final String[] LANGUAGES = {"java", "typescript", "python", "go", "scala", "kotlin", "javascript",
      "hcl", "rust"};
  private static final String[][] PROJECTS = {{"PLAT", "Platform", "Shared services and infrastructure"},
      {"WEB", "Web & Mobile", "Customer-facing applications"}, {"DATA", "Data", "Pipelines, analytics and ML"},
      {"OPS", "Operations", "Tooling and runbooks"}, {"SEC", "Security", "Security tooling"}};
  private static final String[] VERBS = {"Add", "Fix", "Refactor", "Update", "Remove", "Improve", "Document",
      "Optimise", "Rename", "Bump"};
  private static final String[] THINGS = {"login flow", "retry logic", "rate limiter", "user settings page",
      "CSV export", "pagination", "cache invalidation", "error messages", "build pipeline", "dependency versions",
      "search filters", "audit log", "webhook handler", "timezone handling", "README", "feature flags",
      "metrics endpoint", "database migration", "null pointer in parser", "flaky test"};
  private static final String[] COMMENTS = {"Looks good to me.", "Could we add a test for this case?",
      "Nit: naming.", "Why not reuse the existing helper here?", "LGTM :+1:", "This breaks the build on Java 17.",
      "Can you rebase on main?", "Good catch, thanks!", "Let's discuss this in standup.",
      "Please update the changelog.", "Is this covered by the integration tests?", "Approved with minor comments."};
  private static final String[] FILES = {"src/main/java/App.java", "README.md", "build.gradle", "src/index.ts",
      "pipeline/etl.py", "Makefile", "docs/setup.md", "src/lib.rs"};

  private final Random random;
  private final ResourceFactory factory;

  DataGenerator(long seed, ResourceFactory factory) {
    this.random = new Random(seed);
    this.factory = factory;
  }

  /** Builds a store holding {@code acme} sized by {@code dataset} and a small {@code globex}. */
  EmulatorStore generate(Dataset dataset) {
    List<User> users = users(Math.max(dataset.members(), 4) + 6);
    EmulatorStore store = new EmulatorStore(factory, users.get(0), START.minus(Duration.ofDays(900)));
    fillWorkspace(store, "acme", "Acme Corporation", dataset, users.subList(0, Math.max(dataset.members(), 1)));
    Dataset globex = Dataset.builder().repositories(2).projects(1).members(4).pullRequests(6).commits(12)
        .pullRequestComments(4).branches(3).tags(2).pipelines(4).issues(3).issueComments(3).skew(0.5).build();
    List<User> globexUsers = new ArrayList<>();
    globexUsers.add(users.get(0));
    globexUsers.addAll(users.subList(users.size() - 3, users.size()));
    fillWorkspace(store, "globex", "Globex Inc.", globex, globexUsers);
    return store;
  }

  private List<User> users(int n) {
    List<User> users = new ArrayList<>();
    java.util.Set<String> nicknames = new java.util.HashSet<>();
    for (int i = 0; users.size() < n; i++) {
      String first = FIRST[random.nextInt(FIRST.length)];
      String last = LAST[random.nextInt(LAST.length)];
      String nickname = (first.charAt(0) + last.replace(" ", "").replace("-", "")).toLowerCase(java.util.Locale.ROOT);
      if (!nicknames.add(nickname)) {
        nickname = nickname + i;
        nicknames.add(nickname);
      }
      // Atlassian account ids: 24 hex digits for accounts created since 2019 (older ones "557058:<uuid>").
      byte[] id = new byte[12];
      random.nextBytes(id);
      String accountId = HexFormat.of().formatHex(id);
      users.add(new User(EmulatorStore.newUuid(random), accountId, first + " " + last, nickname,
          nickname + "@acme.example"));
    }
    return users;
  }

  private void fillWorkspace(EmulatorStore store, String slug, String name, Dataset d, List<User> members) {
    Instant wsCreated = START.minus(Duration.ofDays(400 + random.nextInt(300)));
    EmulatorStore.WorkspaceData ws = store.addWorkspace(factory.workspace(slug, EmulatorStore.newUuid(random), name,
        wsCreated));
    for (User u : members) {
      ws.members.put(factory.membership(ws.workspace, u));
    }
    List<ObjectNode> projects = new ArrayList<>();
    for (int i = 0; i < d.projects(); i++) {
      String[] p = PROJECTS[i % PROJECTS.length];
      String key = i < PROJECTS.length ? p[0] : p[0] + i;
      Instant created = wsCreated.plus(Duration.ofDays(1 + i * 7L));
      ObjectNode project = factory.project(ws.workspace, key, EmulatorStore.newUuid(random), p[1], p[2],
          true, created, created.plus(Duration.ofDays(30 + random.nextInt(200))));
      ws.projects.put(project);
      projects.add(project);
    }
    boolean large = (long) d.commits() + d.pullRequests() + d.pullRequestComments() + d.pipelines() + d.issues()
        + d.issueComments() > LARGE_ROWS;
    int n = d.repositories();
    double[] weights = weights(n, d.skew());
    int[] commits = split(d.commits(), weights, 2);
    int[] prs = split(d.pullRequests(), weights, 1);
    int[] prComments = split(d.pullRequestComments(), weights, 1);
    int[] branches = split(d.branches(), weights, 1);
    int[] tags = split(d.tags(), weights, 1);
    int[] pipelines = split(d.pipelines(), weights, 1);
    int[] issues = split(d.issues(), weights, 1);
    int[] issueComments = split(d.issueComments(), weights, 1);
    for (int i = 0; i < n; i++) {
      String repoSlug = i < REPO_NAMES.length ? REPO_NAMES[i] : REPO_NAMES[i % REPO_NAMES.length] + "-" + i;
      if (!slug.equals("acme")) {
        repoSlug = slug + "-" + repoSlug;
      }
      Instant created = wsCreated.plus(Duration.ofDays(10 + random.nextInt(300)));
      JsonNode project = projects.get(i % projects.size());
      ObjectNode repo = factory.repository(ws.workspace, project, repoSlug, repoSlug, EmulatorStore.newUuid(random),
          "The " + repoSlug.replace('-', ' ') + " repository", i % 7 != 6, "no_public_forks",
          LANGUAGES[random.nextInt(LANGUAGES.length)], 100_000L + random.nextInt(50_000_000), true, i % 3 == 0,
          "main", created, created.plus(Duration.ofDays(300 + random.nextInt(400))));
      // Large datasets keep every repository table deflated, or a million rows would not fit in a few GB.
      EmulatorStore.RepositoryData data = new EmulatorStore.RepositoryData(large ? 0 : Table.COMPACT_THRESHOLD);
      fillRepository(data, repo, created, members, commits[i], prs[i], prComments[i], branches[i], tags[i],
          pipelines[i], issues[i], issueComments[i], store);
      ws.repos.put(repoSlug, data);
      ws.repositories.put(repo);
    }
  }

  /** Repository weights: the first holds {@code skew}, the rest fall off geometrically. */
  private static double[] weights(int n, double skew) {
    double[] w = new double[n];
    if (n == 1) {
      w[0] = 1;
      return w;
    }
    w[0] = skew;
    double rest = 1 - skew;
    double sum = 0;
    for (int i = 1; i < n; i++) {
      w[i] = Math.pow(0.85, i);
      sum += w[i];
    }
    for (int i = 1; i < n; i++) {
      w[i] = w[i] / sum * rest;
    }
    return w;
  }

  /** Splits a total across repositories by weight, each getting at least {@code min} when the total allows. */
  private static int[] split(int total, double[] weights, int min) {
    int n = weights.length;
    int[] out = new int[n];
    boolean floor = total >= n * min;
    int assigned = 0;
    for (int i = 0; i < n; i++) {
      out[i] = (int) Math.floor(total * weights[i]);
      if (floor && out[i] < min) {
        out[i] = min;
      }
      assigned += out[i];
    }
    // Hand out (or take back) the rounding difference on the largest repository.
    out[0] = Math.max(0, out[0] + total - assigned);
    return out;
  }

  private String hash() {
    byte[] b = new byte[20];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  private <T> T pick(List<T> list) {
    return list.get(random.nextInt(list.size()));
  }

  private String pick(String[] a) {
    return a[random.nextInt(a.length)];
  }

  private Instant later(Instant t, int maxMinutes) {
    return t.plusSeconds(60L + random.nextInt(Math.max(1, maxMinutes) * 60));
  }

  private void fillRepository(EmulatorStore.RepositoryData data, ObjectNode repo, Instant created, List<User> users,
      int commitCount, int prCount, int prCommentCount, int branchCount, int tagCount, int pipelineCount,
      int issueCount, int issueCommentCount, EmulatorStore store) {
    // Commits: a main line, and feature branches forking off it with a few commits each.
    int featureBranches = Math.max(0, branchCount - 1);
    int remaining = Math.min(commitCount / 3, featureBranches * 3);
    int[] ownCommits = new int[featureBranches];
    int branchCommits = 0;
    for (int b = 0; b < featureBranches; b++) {
      ownCommits[b] = remaining <= 0 ? 0 : Math.min(remaining, 1 + random.nextInt(3));
      remaining -= ownCommits[b];
      branchCommits += ownCommits[b];
    }
    int mainCommits = Math.max(1, commitCount - branchCommits);
    // Only hashes are kept while generating: large tables are stored compactly and must not be held parsed.
    List<String> main = new ArrayList<>(mainCommits);
    List<Instant> mainDates = new ArrayList<>(mainCommits);
    Instant t = created;
    int minutesPerCommit = (int) Math.max(2, Duration.ofDays(700).toMinutes() / Math.max(1, commitCount));
    String parent = null;
    ObjectNode head = null;
    for (int i = 0; i < mainCommits; i++) {
      t = later(t, minutesPerCommit);
      String message = i == 0 ? "Initial commit\n" : pick(VERBS) + " " + pick(THINGS) + "\n";
      head = factory.commit(repo, hash(), pick(users), t, message, parent == null ? List.of() : List.of(parent));
      data.commits.put(head);
      parent = head.get("hash").asText();
      main.add(parent);
      mainDates.add(t);
    }
    data.branches.put(factory.branch(repo, "main", head));
    String[] prefixes = {"feature/", "bugfix/", "hotfix/", "chore/"};
    List<String> branchNames = new ArrayList<>();
    for (int b = 0; b < featureBranches; b++) {
      String name = b % 10 == 9 ? "release/" + (1 + b / 10) + "." + (b % 10) : prefixes[b % 4]
          + pick(THINGS).replace(' ', '-').toLowerCase(java.util.Locale.ROOT) + "-" + (b + 1);
      int baseIndex = random.nextInt(main.size());
      int own = ownCommits[b];
      ObjectNode branchHead = own == 0 ? data.commits.get(main.get(baseIndex)) : null;
      String headHash = main.get(baseIndex);
      Instant bt = mainDates.get(baseIndex);
      for (int k = 0; k < own; k++) {
        bt = later(bt, 120);
        branchHead = factory.commit(repo, hash(), pick(users), bt, pick(VERBS) + " " + pick(THINGS) + "\n",
            List.of(headHash));
        headHash = branchHead.get("hash").asText();
        data.commits.put(branchHead);
      }
      data.branches.put(factory.branch(repo, name, branchHead));
      branchNames.add(name);
    }
    // Tags on main-line commits, in version order.
    for (int i = 0; i < tagCount; i++) {
      int at = Math.min(main.size() - 1, (int) ((long) (i + 1) * main.size() / (tagCount + 1)));
      ObjectNode target = data.commits.get(main.get(at));
      Instant date = mainDates.get(at).plusSeconds(600);
      String name = "v" + (1 + i / 100) + "." + (i / 10 % 10) + "." + (i % 10);
      boolean annotated = i % 3 != 2;
      data.tags.put(factory.tag(repo, name, target, annotated ? pick(users) : null, annotated ? date : null,
          annotated ? "Release " + name + "\n" : null));
    }
    // Pull requests: mostly merged, some open, declined or superseded; ids follow creation time. Each
    // pull request's comments are drawn first, then generated with it, so nothing is held for later.
    int[] perPr = new int[prCount];
    int commentsMade = 0;
    for (int i = 0; i < prCommentCount && prCount > 0; i++) {
      perPr[random.nextInt(prCount)]++;
    }
    Instant pt = created.plus(Duration.ofDays(2));
    int minutesPerPr = (int) Math.max(5, Duration.ofDays(700).toMinutes() / Math.max(1, prCount));
    for (int id = 1; id <= prCount; id++) {
      pt = later(pt, minutesPerPr);
      int roll = random.nextInt(100);
      String state = roll < 58 ? "MERGED" : roll < 73 ? "DECLINED" : roll < 95 ? "OPEN" : "SUPERSEDED";
      String source = branchNames.isEmpty() ? "feature/change-" + id : branchNames.get(random.nextInt(branchNames.size()));
      JsonNode sourceBranch = data.branches.get(source);
      String sourceHash = sourceBranch != null ? sourceBranch.get("target").get("hash").asText() : hash();
      String destHash = main.get(random.nextInt(main.size()));
      User author = pick(users);
      Instant updated = state.equals("OPEN") ? later(pt, 60 * 24 * 3) : later(pt, 60 * 24 * 10);
      String title = pick(VERBS) + " " + pick(THINGS);
      ObjectNode pr = factory.pullRequest(repo, id, title, "This pull request " + title.toLowerCase(java.util.Locale.ROOT)
          + ".\n\n* " + pick(THINGS) + "\n* " + pick(THINGS), state, state.equals("OPEN") && random.nextInt(10) == 0,
          author, source, sourceHash, "main", destHash, random.nextBoolean(), pt, updated);
      if (state.equals("MERGED")) {
        pr.set("merge_commit", factory.commitRef(repo, hash().substring(0, 12)));
        pr.set("closed_by", factory.account(pick(users)));
      } else if (state.equals("DECLINED") || state.equals("SUPERSEDED")) {
        pr.set("closed_by", factory.account(pick(users)));
        if (state.equals("DECLINED")) {
          pr.put("reason", random.nextBoolean() ? "" : "Superseded by a different approach");
        }
      }
      pr.put("task_count", random.nextInt(10) < 8 ? 0 : 1 + random.nextInt(3));
      pr.put("comment_count", perPr[id - 1]);
      Long previous = null;
      for (int k = 0; k < perPr[id - 1]; k++) {
        Long parentId = previous != null && random.nextInt(4) == 0 ? previous : null;
        // Every third comment is inline, so even a tiny repository has both kinds.
        boolean inline = (++commentsMade) % 3 == 1;
        Instant ct = later(pt, 60 * 24);
        int line = 1 + random.nextInt(200);
        ObjectNode c = factory.pullRequestComment(repo, pr, store.nextCommentId(), parentId, pick(COMMENTS),
            pick(users), inline ? pick(FILES) : null, inline && random.nextBoolean() ? line : null,
            inline ? line + 1 : null, ct, random.nextInt(5) == 0 ? later(ct, 600) : ct.plusNanos(73_000));
        data.pullrequestComments.put(c);
        previous = c.get("id").asLong();
      }
      data.pullrequests.put(pr);
    }
    data.nextPullRequestId.set(prCount + 1);
    // Pipelines on branches and tags.
    Instant plt = created.plus(Duration.ofDays(5));
    int minutesPerPipeline = (int) Math.max(5, Duration.ofDays(700).toMinutes() / Math.max(1, pipelineCount));
    List<String> refs = new ArrayList<>(branchNames);
    refs.add("main");
    for (int b = 1; b <= pipelineCount; b++) {
      plt = later(plt, minutesPerPipeline);
      boolean last = b > pipelineCount - 2;
      int roll = random.nextInt(100);
      String stateName = last && roll < 50 ? (roll < 25 ? "IN_PROGRESS" : "PENDING") : "COMPLETED";
      String result = roll < 70 ? "SUCCESSFUL" : roll < 90 ? "FAILED" : roll < 96 ? "STOPPED" : "ERROR";
      boolean onTag = !data.tags.snapshot().isEmpty() && random.nextInt(10) == 0;
      String refName = onTag ? pick(data.tags.snapshot()).get("name").asText() : (random.nextInt(2) == 0 ? "main" : pick(refs));
      JsonNode ref = onTag ? data.tags.get(refName) : data.branches.get(refName);
      int duration = stateName.equals("COMPLETED") ? 30 + random.nextInt(900) : 0;
      String trigger = random.nextInt(6) == 0 ? "MANUAL" : random.nextInt(10) == 0 ? "SCHEDULE" : "PUSH";
      data.pipelines.put(factory.pipeline(repo, EmulatorStore.newUuid(random), b, pick(users), onTag ? "tag" : "branch",
          refName, ref.get("target").get("hash").asText(), trigger, stateName, result, plt,
          stateName.equals("COMPLETED") ? plt.plusSeconds(duration + 5) : null, duration));
    }
    data.nextBuildNumber.set(pipelineCount + 1);
    // Legacy issues and their comments.
    String[] states = {"new", "open", "resolved", "on hold", "invalid", "duplicate", "wontfix", "closed"};
    String[] kinds = {"bug", "enhancement", "proposal", "task"};
    String[] priorities = {"trivial", "minor", "major", "critical", "blocker"};
    int[] perIssue = new int[issueCount];
    for (int i = 0; i < issueCommentCount && issueCount > 0; i++) {
      perIssue[random.nextInt(issueCount)]++;
    }
    Instant it = created.plus(Duration.ofDays(3));
    int minutesPerIssue = (int) Math.max(5, Duration.ofDays(700).toMinutes() / Math.max(1, issueCount));
    for (int id = 1; id <= issueCount; id++) {
      it = later(it, minutesPerIssue);
      String title = pick(THINGS).substring(0, 1).toUpperCase(java.util.Locale.ROOT) + pick(THINGS).substring(1)
          + " " + (random.nextBoolean() ? "is broken" : "needs work");
      Instant updated = later(it, 60 * 24 * 5);
      ObjectNode issue = factory.issue(repo, id, title, "Steps to reproduce:\n\n1. " + pick(THINGS) + "\n2. "
          + pick(THINGS), pick(users), random.nextInt(3) == 0 ? null : pick(users), pick(states), pick(kinds),
          pick(priorities), random.nextInt(3) == 0 ? "backend" : null,
          random.nextInt(4) == 0 ? "M" + (1 + random.nextInt(4)) : null,
          random.nextInt(5) == 0 ? "1." + random.nextInt(5) : null, random.nextInt(4), 1 + random.nextInt(3), it,
          updated, random.nextInt(4) == 0 ? updated : null);
      data.issues.put(issue);
      for (int k = 0; k < perIssue[id - 1]; k++) {
        Instant ct = later(it, 60 * 24 * 2);
        data.issueComments.put(factory.issueComment(repo, issue, store.nextCommentId(), pick(COMMENTS), pick(users), ct,
            random.nextInt(4) == 0 ? later(ct, 300) : null));
      }
    }
    data.nextIssueId.set(issueCount + 1);
  }
}
