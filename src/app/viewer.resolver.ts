import { Ctx, Field, ObjectType, Query, Resolver } from 'type-graphql';
import type { Context } from '../graphql/context';

@ObjectType({ description: 'Who the API thinks the caller is.' })
export class Viewer {
  @Field() subject: string;
  @Field({ description: 'anonymous, user, ingestor or admin' }) role: string;
  @Field(() => [String]) groups: string[];
  @Field({ description: 'anonymous, jwt or apikey' }) via: string;
}

@Resolver()
export class ViewerResolver {
  @Query(() => Viewer)
  viewer(@Ctx() ctx: Context): Viewer {
    return { ...ctx.identity };
  }
}
