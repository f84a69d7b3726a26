import { graphql } from '../../gql';
import type { DowntimeReasonsQuery, ProductsQuery, ShiftCalendarsQuery } from '../../gql/graphql';

// Documents of the catalog administration: products and their ideal cycle times (per machine
// too), downtime reason codes, shift calendars. Admins only; the API enforces it.

export const productsQuery = graphql(`
  query Products($first: Int!, $after: String) {
    products(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          code
          name
          idealCycleTimeMs
          machineCycleTimes {
            machineId
            machineName
            idealCycleTimeMs
          }
        }
      }
    }
  }
`);

export const createProductMutation = graphql(`
  mutation CreateProduct($input: CreateProductInput!) {
    createProduct(input: $input) {
      id
    }
  }
`);

export const updateProductMutation = graphql(`
  mutation UpdateProduct($id: ID!, $input: UpdateProductInput!) {
    updateProduct(id: $id, input: $input) {
      id
      name
      idealCycleTimeMs
    }
  }
`);

export const deleteProductMutation = graphql(`
  mutation DeleteProduct($id: ID!) {
    deleteProduct(id: $id)
  }
`);

export const setMachineCycleTimeMutation = graphql(`
  mutation SetMachineCycleTime($machineId: ID!, $productId: ID!, $idealCycleTimeMs: Float) {
    setMachineCycleTime(machineId: $machineId, productId: $productId, idealCycleTimeMs: $idealCycleTimeMs) {
      machineId
      idealCycleTimeMs
    }
  }
`);

export const downtimeReasonsQuery = graphql(`
  query DowntimeReasons($first: Int!, $after: String) {
    downtimeReasons(first: $first, after: $after, includeArchived: true) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          code
          name
          lossClass
          archivedAt
        }
      }
    }
  }
`);

export const createDowntimeReasonMutation = graphql(`
  mutation CreateDowntimeReason($input: CreateDowntimeReasonInput!) {
    createDowntimeReason(input: $input) {
      id
    }
  }
`);

export const updateDowntimeReasonMutation = graphql(`
  mutation UpdateDowntimeReason($id: ID!, $input: UpdateDowntimeReasonInput!) {
    updateDowntimeReason(id: $id, input: $input) {
      id
      archivedAt
    }
  }
`);

export const shiftCalendarsQuery = graphql(`
  query ShiftCalendars($first: Int!, $after: String) {
    shiftCalendars(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
          assetId
          validFrom
          shifts {
            id
            name
            startTime
            endTime
            daysOfWeek
          }
          plannedStops {
            id
            name
            startTime
            endTime
            daysOfWeek
          }
          holidays {
            id
            date
            name
          }
        }
      }
    }
  }
`);

export const createShiftCalendarMutation = graphql(`
  mutation CreateShiftCalendar($input: CreateShiftCalendarInput!) {
    createShiftCalendar(input: $input) {
      id
    }
  }
`);

export const deleteShiftCalendarMutation = graphql(`
  mutation DeleteShiftCalendar($id: ID!) {
    deleteShiftCalendar(id: $id)
  }
`);

export const setShiftMutation = graphql(`
  mutation SetShift($calendarId: ID!, $input: ShiftInput!) {
    setShift(calendarId: $calendarId, input: $input) {
      id
    }
  }
`);

export const addPlannedStopMutation = graphql(`
  mutation AddPlannedStop($calendarId: ID!, $input: PlannedStopInput!) {
    addPlannedStop(calendarId: $calendarId, input: $input) {
      id
    }
  }
`);

export const addHolidayMutation = graphql(`
  mutation AddHoliday($calendarId: ID!, $input: HolidayInput!) {
    addHoliday(calendarId: $calendarId, input: $input) {
      id
    }
  }
`);

export const removeCalendarPartMutation = graphql(`
  mutation RemoveCalendarPart($id: ID!, $part: CalendarPart!) {
    removeCalendarPart(id: $id, part: $part) {
      id
    }
  }
`);

export type Product = ProductsQuery['products']['edges'][number]['node'];
export type MachineCycleTime = Product['machineCycleTimes'][number];
export type DowntimeReason = DowntimeReasonsQuery['downtimeReasons']['edges'][number]['node'];
export type ShiftCalendar = ShiftCalendarsQuery['shiftCalendars']['edges'][number]['node'];
