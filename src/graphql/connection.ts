// Relay connections, shared by every list in the API.
import { ClassType, Field, Int, ObjectType } from 'type-graphql';
import { SORT_DIRECTIONS, type SortDirection as Direction } from '../common/pagination';
import { graphqlEnum } from './enums';
import type { ListResult } from '../common/pagination';

export const SortDirection = graphqlEnum('SortDirection', SORT_DIRECTIONS);
export type SortDirection = Direction;

@ObjectType()
export class PageInfo {
  @Field() hasNextPage: boolean;
  @Field() hasPreviousPage: boolean;
  @Field(() => String, { nullable: true }) startCursor: string | null;
  @Field(() => String, { nullable: true }) endCursor: string | null;
}

export interface ConnectionShape<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: PageInfo;
  totalCount(): Promise<number>;
}

/**
 * The base class of a Relay connection type for `Node`: registers the GraphQL types `<name>Edge` and
 * `<name>ConnectionBase` (edges, nodes, pageInfo, totalCount). A list's `@ObjectType` extends it; toConnection fills it.
 */
export function Connection<T extends object>(Node: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field() cursor: string;
    @Field(() => Node) node: T;
  }

  @ObjectType(`${name}ConnectionBase`)
  abstract class Conn {
    @Field(() => [Edge]) edges: Edge[];
    @Field(() => [Node], { description: 'The nodes of the edges, for clients that do not need cursors.' }) nodes: T[];
    @Field(() => PageInfo) pageInfo: PageInfo;
    /** Counted only when asked for, with the same access filter as the list. */
    @Field(() => Int, { description: 'How many records match the filter (the caller may see), across all pages.' })
    totalCount: number;
  }
  return Conn;
}

/** Turns a service list result into the GraphQL connection shape; totalCount is counted only if selected. */
export function toConnection<T>(r: ListResult<T>, hadCursor: boolean): any {
  return {
    edges: r.nodes.map((node, i) => ({ node, cursor: r.cursors[i] })),
    nodes: r.nodes,
    pageInfo: {
      hasNextPage: r.hasNextPage,
      hasPreviousPage: hadCursor,
      startCursor: r.cursors[0] ?? null,
      endCursor: r.endCursor,
    },
    get totalCount() {
      return r.totalCount();
    },
  };
}
