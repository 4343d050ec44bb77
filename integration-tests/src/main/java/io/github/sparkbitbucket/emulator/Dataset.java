package io.github.sparkbitbucket.emulator;

/**
 * How much data the generator makes for the main workspace {@code acme} (a small second workspace
 * {@code globex} is always added). Counts are totals across acme's repositories; {@code skew} is
 * the share of rows that the largest repository holds.
 */
public final class Dataset {
  private final int repositories;
  private final int projects;
  private final int members;
  private final int pullRequests;
  private final int commits;
  private final int pullRequestComments;
  private final int branches;
  private final int tags;
  private final int pipelines;
  private final int issues;
  private final int issueComments;
  private final double skew;

  private Dataset(Builder b) {
    this.repositories = b.repositories;
    this.projects = b.projects;
    this.members = b.members;
    this.pullRequests = b.pullRequests;
    this.commits = b.commits;
    this.pullRequestComments = b.pullRequestComments;
    this.branches = b.branches;
    this.tags = b.tags;
    this.pipelines = b.pipelines;
    this.issues = b.issues;
    this.issueComments = b.issueComments;
    this.skew = b.skew;
  }

  /** Tiny, for fast tests: acme with 4 repositories and tens of rows per table, every table non-empty. */
  public static Dataset small() {
    return builder().repositories(4).projects(3).members(6).pullRequests(40).commits(80).pullRequestComments(30)
        .branches(16).tags(8).pipelines(24).issues(20).issueComments(24).skew(0.4).build();
  }

  /** The demo data: 20 repositories (one large), thousands of pull requests and commits. */
  public static Dataset standard() {
    return builder().build();
  }

  /** {@link #standard()} with every row count multiplied by {@code rowsFactor} (repositories stay 20). */
  public static Dataset scaled(double rowsFactor) {
    if (!(rowsFactor > 0)) {
      throw new IllegalArgumentException("rowsFactor must be positive, got " + rowsFactor);
    }
    Dataset s = standard();
    return builder().repositories(s.repositories).projects(s.projects).members(s.members)
        .pullRequests(scale(s.pullRequests, rowsFactor)).commits(scale(s.commits, rowsFactor))
        .pullRequestComments(scale(s.pullRequestComments, rowsFactor)).branches(scale(s.branches, rowsFactor))
        .tags(scale(s.tags, rowsFactor)).pipelines(scale(s.pipelines, rowsFactor))
        .issues(scale(s.issues, rowsFactor)).issueComments(scale(s.issueComments, rowsFactor)).skew(s.skew).build();
  }

  private static int scale(int n, double f) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE / 2, Math.round(n * f)));
  }

  public static Builder builder() {
    return new Builder();
  }

  public int repositories() {
    return repositories;
  }

  public int projects() {
    return projects;
  }

  public int members() {
    return members;
  }

  public int pullRequests() {
    return pullRequests;
  }

  public int commits() {
    return commits;
  }

  public int pullRequestComments() {
    return pullRequestComments;
  }

  public int branches() {
    return branches;
  }

  public int tags() {
    return tags;
  }

  public int pipelines() {
    return pipelines;
  }

  public int issues() {
    return issues;
  }

  public int issueComments() {
    return issueComments;
  }

  public double skew() {
    return skew;
  }

  @Override
  public String toString() {
    return "Dataset[repositories=" + repositories + ", pullRequests=" + pullRequests + ", commits=" + commits
        + ", pullRequestComments=" + pullRequestComments + ", branches=" + branches + ", tags=" + tags
        + ", pipelines=" + pipelines + ", issues=" + issues + ", issueComments=" + issueComments + ", skew=" + skew
        + "]";
  }

  /** Sizes for a custom dataset; defaults are {@link #standard()}'s. */
  public static final class Builder {
    private int repositories = 20;
    private int projects = 3;
    private int members = 24;
    private int pullRequests = 3000;
    private int commits = 6000;
    private int pullRequestComments = 800;
    private int branches = 240;
    private int tags = 120;
    private int pipelines = 600;
    private int issues = 400;
    private int issueComments = 600;
    private double skew = 0.4;

    public Builder repositories(int n) {
      this.repositories = atLeast(n, 1, "repositories");
      return this;
    }

    public Builder projects(int n) {
      this.projects = atLeast(n, 1, "projects");
      return this;
    }

    public Builder members(int n) {
      this.members = atLeast(n, 1, "members");
      return this;
    }

    public Builder pullRequests(int n) {
      this.pullRequests = atLeast(n, 0, "pullRequests");
      return this;
    }

    public Builder commits(int n) {
      this.commits = atLeast(n, 1, "commits");
      return this;
    }

    public Builder pullRequestComments(int n) {
      this.pullRequestComments = atLeast(n, 0, "pullRequestComments");
      return this;
    }

    public Builder branches(int n) {
      this.branches = atLeast(n, 0, "branches");
      return this;
    }

    public Builder tags(int n) {
      this.tags = atLeast(n, 0, "tags");
      return this;
    }

    public Builder pipelines(int n) {
      this.pipelines = atLeast(n, 0, "pipelines");
      return this;
    }

    public Builder issues(int n) {
      this.issues = atLeast(n, 0, "issues");
      return this;
    }

    public Builder issueComments(int n) {
      this.issueComments = atLeast(n, 0, "issueComments");
      return this;
    }

    /** Share of rows in the largest repository, in [0, 1); the rest fall off geometrically. */
    public Builder skew(double s) {
      if (!(s >= 0 && s < 1)) {
        throw new IllegalArgumentException("skew must be in [0, 1), got " + s);
      }
      this.skew = s;
      return this;
    }

    public Dataset build() {
      return new Dataset(this);
    }

    private static int atLeast(int n, int min, String name) {
      if (n < min) {
        throw new IllegalArgumentException(name + " must be >= " + min + ", got " + n);
      }
      return n;
    }
  }
}
